package hipaa.guardrails;

/**
 * Type tokens the guardrails judge, copied from the {@code @ResourceType} annotations in
 * pulumi-aws 6.83.0 ({@code TypesTest} checks each one against the jar).
 */
public final class Types {
    private Types() {}

    public static final String PROVIDER = "pulumi:providers:aws";

    public static final String VPC = "aws:ec2/vpc:Vpc";
    public static final String FLOW_LOG = "aws:ec2/flowLog:FlowLog";
    public static final String SUBNET = "aws:ec2/subnet:Subnet";
    public static final String ROUTE_TABLE = "aws:ec2/routeTable:RouteTable";
    public static final String ROUTE = "aws:ec2/route:Route";
    public static final String ROUTE_TABLE_ASSOCIATION = "aws:ec2/routeTableAssociation:RouteTableAssociation";
    public static final String INTERNET_GATEWAY = "aws:ec2/internetGateway:InternetGateway";
    public static final String SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
    public static final String DEFAULT_SECURITY_GROUP = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";
    public static final String SECURITY_GROUP_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
    public static final String SG_INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
    public static final String SG_EGRESS_RULE = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
    public static final String NETWORK_ACL = "aws:ec2/networkAcl:NetworkAcl";
    public static final String NETWORK_ACL_RULE = "aws:ec2/networkAclRule:NetworkAclRule";

    public static final String RDS_INSTANCE = "aws:rds/instance:Instance";
    public static final String RDS_CLUSTER = "aws:rds/cluster:Cluster";
    public static final String RDS_CLUSTER_INSTANCE = "aws:rds/clusterInstance:ClusterInstance";

    public static final String BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
    public static final String BUCKET = "aws:s3/bucket:Bucket";
    public static final String BUCKET_SSE = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2";
    public static final String BUCKET_VERSIONING = "aws:s3/bucketVersioningV2:BucketVersioningV2";
    public static final String BUCKET_LOGGING = "aws:s3/bucketLoggingV2:BucketLoggingV2";
    public static final String BUCKET_PUBLIC_ACCESS_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
    public static final String BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
    public static final String BUCKET_OBJECT_LOCK = "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2";
    public static final String BUCKET_LIFECYCLE = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2";
    public static final String BUCKET_ACL = "aws:s3/bucketAclV2:BucketAclV2";
    public static final String BUCKET_REPLICATION = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";
    public static final String ACCOUNT_PUBLIC_ACCESS_BLOCK = "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock";

    public static final String EBS_ENCRYPTION_BY_DEFAULT = "aws:ebs/encryptionByDefault:EncryptionByDefault";
    public static final String EBS_VOLUME = "aws:ebs/volume:Volume";
    public static final String BACKUP_VAULT = "aws:backup/vault:Vault";
    public static final String BACKUP_PLAN = "aws:backup/plan:Plan";
    public static final String BACKUP_SELECTION = "aws:backup/selection:Selection";

    public static final String TRAIL = "aws:cloudtrail/trail:Trail";
    public static final String LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
    public static final String METRIC_ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
    public static final String SNS_TOPIC = "aws:sns/topic:Topic";
    public static final String KMS_KEY = "aws:kms/key:Key";
    public static final String GUARDDUTY_DETECTOR = "aws:guardduty/detector:Detector";
    public static final String SECURITYHUB_ACCOUNT = "aws:securityhub/account:Account";
    public static final String WEB_ACL = "aws:wafv2/webAcl:WebAcl";
    public static final String WEB_ACL_ASSOCIATION = "aws:wafv2/webAclAssociation:WebAclAssociation";
    public static final String WEB_ACL_LOGGING = "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration";

    public static final String LB = "aws:lb/loadBalancer:LoadBalancer";
    public static final String ALB = "aws:alb/loadBalancer:LoadBalancer";
    public static final String LB_LISTENER = "aws:lb/listener:Listener";
    public static final String ALB_LISTENER = "aws:alb/listener:Listener";
    public static final String ACM_CERTIFICATE = "aws:acm/certificate:Certificate";
    public static final String CLOUDFRONT = "aws:cloudfront/distribution:Distribution";

    public static final String LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
    public static final String EC2_INSTANCE = "aws:ec2/instance:Instance";
    public static final String ASG = "aws:autoscaling/group:Group";
    public static final String ECS_TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";
    public static final String SECRET = "aws:secretsmanager/secret:Secret";
    public static final String SECRET_ROTATION = "aws:secretsmanager/secretRotation:SecretRotation";

    public static final String IAM_POLICY = "aws:iam/policy:Policy";
    public static final String IAM_ROLE = "aws:iam/role:Role";
    public static final String IAM_ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
    public static final String IAM_USER_POLICY = "aws:iam/userPolicy:UserPolicy";
    public static final String IAM_GROUP_POLICY = "aws:iam/groupPolicy:GroupPolicy";
    public static final String IAM_ROLE_POLICY_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
    public static final String IAM_USER_POLICY_ATTACHMENT = "aws:iam/userPolicyAttachment:UserPolicyAttachment";
    public static final String IAM_GROUP_POLICY_ATTACHMENT = "aws:iam/groupPolicyAttachment:GroupPolicyAttachment";
    public static final String IAM_POLICY_ATTACHMENT = "aws:iam/policyAttachment:PolicyAttachment";
    public static final String IAM_USER = "aws:iam/user:User";
    public static final String IAM_GROUP = "aws:iam/group:Group";
    public static final String IAM_GROUP_MEMBERSHIP = "aws:iam/groupMembership:GroupMembership";
    public static final String IAM_USER_GROUP_MEMBERSHIP = "aws:iam/userGroupMembership:UserGroupMembership";
    public static final String IAM_ACCESS_KEY = "aws:iam/accessKey:AccessKey";
    public static final String IAM_USER_LOGIN_PROFILE = "aws:iam/userLoginProfile:UserLoginProfile";
    public static final String IAM_INSTANCE_PROFILE = "aws:iam/instanceProfile:InstanceProfile";
    public static final String EIP = "aws:ec2/eip:Eip";
    public static final String EIP_ASSOCIATION = "aws:ec2/eipAssociation:EipAssociation";
    public static final String INSTANCE_STATE = "aws:ec2transitgateway/instanceState:InstanceState";
    public static final String SNAPSHOT_CREATE_VOLUME_PERMISSION = "aws:ec2/snapshotCreateVolumePermission:SnapshotCreateVolumePermission";
    public static final String RDS_SNAPSHOT = "aws:rds/snapshot:Snapshot";
    public static final String SSM_ASSOCIATION = "aws:ssm/association:Association";
    public static final String BACKUP_VAULT_POLICY = "aws:backup/vaultPolicy:VaultPolicy";
    public static final String CONFIG_RULE = "aws:cfg/rule:Rule";
    public static final String IAM_PASSWORD_POLICY = "aws:iam/accountPasswordPolicy:AccountPasswordPolicy";
}
