package hipaa.data;

import java.util.List;
import java.util.Locale;

/**
 * The database engines this program deploys, with everything that differs between them: port,
 * supported major versions, parameter-group family, the parameters that force TLS and log
 * connections, and the logs exported to CloudWatch.
 *
 * <p>Versions are <em>major</em> versions only ({@code 16}, {@code 8.4}). Auto minor version upgrade
 * is on, so RDS moves the minor version forward in the maintenance window; pinning a minor here would
 * make every such upgrade show up as drift. Majors outside the lists are refused: older ones are past or
 * near the end of RDS standard support (MySQL 8.0 left it on 2026-07-31; PostgreSQL 14 leaves it in
 * February 2027), and newer ones have not been checked against the parameters below. The ports match {@code NetworkAclPlans.DATABASE_PORTS}, the only ports the data tier's network
 * ACL admits, which is why the port is not configurable.
 */
public enum Engine {

    POSTGRES("postgres", 5432, List.of("15", "16", "17"), "17",
            List.of(
                    // The server refuses any connection that is not TLS (pg_hba hostssl only).
                    Parameter.dynamic("rds.force_ssl", "1"),
                    Parameter.dynamic("ssl_min_protocol_version", "TLSv1.2"),
                    // Who connected from where and for how long: 164.312(b) audit controls.
                    Parameter.dynamic("log_connections", "1"),
                    Parameter.dynamic("log_disconnections", "1"),
                    // MD5 password hashes are replayable from a captured pg_authid; SCRAM is not.
                    Parameter.dynamic("password_encryption", "scram-sha-256")),
            // "postgresql" carries the connection log lines above; "upgrade" records engine upgrades.
            List.of("postgresql", "upgrade")),

    MYSQL("mysql", 3306, List.of("8.4"), "8.4",
            // RDS DB *instance* parameter groups take 1/0 for this boolean (clusters take ON/OFF);
            // 1 is what the server reports back, so the stack shows no drift.
            List.of(Parameter.dynamic("require_secure_transport", "1")),
            // MySQL has no parameter that logs connections without also logging every statement
            // (the general log would copy PHI from queries into CloudWatch). The MariaDB audit plugin,
            // limited to CONNECT events (see auditOption), writes the "audit" log instead.
            List.of("audit", "error"));

    /** The option of the MySQL option group that logs connections and disconnections only. */
    public static final String AUDIT_PLUGIN = "MARIADB_AUDIT_PLUGIN";
    public static final String AUDIT_EVENTS_SETTING = "SERVER_AUDIT_EVENTS";
    public static final String AUDIT_EVENTS = "CONNECT";

    /**
     * One DB parameter.
     *
     * @param applyMethod {@code immediate} for dynamic parameters: TLS enforcement must not wait for a reboot
     */
    public record Parameter(String name, String value, String applyMethod) {
        static Parameter dynamic(String name, String value) {
            return new Parameter(name, value, "immediate");
        }
    }

    private final String id;
    private final int port;
    private final List<String> versions;
    private final String defaultVersion;
    private final List<Parameter> parameters;
    private final List<String> logExports;

    Engine(String id, int port, List<String> versions, String defaultVersion, List<Parameter> parameters,
           List<String> logExports) {
        this.id = id;
        this.port = port;
        this.versions = versions;
        this.defaultVersion = defaultVersion;
        this.parameters = parameters;
        this.logExports = logExports;
    }

    /** The RDS engine name and config value: {@code postgres} or {@code mysql}. */
    public String id() {
        return id;
    }

    public int port() {
        return port;
    }

    /** Supported major versions, oldest first. */
    public List<String> versions() {
        return versions;
    }

    public String defaultVersion() {
        return defaultVersion;
    }

    public List<Parameter> parameters() {
        return parameters;
    }

    /** Log types exported to CloudWatch Logs; each gets its own encrypted log group. */
    public List<String> logExports() {
        return logExports;
    }

    /** Whether connection logging needs an option group (the MariaDB audit plugin) besides the parameters. */
    public boolean needsAuditOption() {
        return this == MYSQL;
    }

    /** Parameter-group family of a major version: {@code postgres16}, {@code mysql8.4}. */
    public String family(String version) {
        requireVersion(version);
        return id + version;
    }

    /** The family as AWS allows it in a group name (letters, digits, hyphens): {@code mysql8-4}. */
    public String familySlug(String version) {
        return family(version).replace('.', '-');
    }

    /**
     * A connection string with placeholders for the credentials, verifying the server's certificate and
     * host name against the RDS CA bundle at {@code caBundleFile}.
     */
    public String connectionStringTemplate(String address, int port, String dbName, String caBundleFile) {
        return switch (this) {
            case POSTGRES -> "postgresql://{username}:{password}@" + address + ":" + port + "/" + dbName
                    + "?sslmode=verify-full&sslrootcert=" + caBundleFile;
            // VERIFY_IDENTITY is MySQL's verify-full: CA chain and host name.
            case MYSQL -> "mysql://{username}:{password}@" + address + ":" + port + "/" + dbName
                    + "?ssl-mode=VERIFY_IDENTITY&ssl-ca=" + caBundleFile;
        };
    }

    public static Engine fromId(String id) {
        for (var e : values()) {
            if (e.id.equals(id)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown engine " + id);
    }

    public static List<String> ids() {
        return java.util.Arrays.stream(values()).map(Engine::id).toList();
    }

    private void requireVersion(String version) {
        if (!versions.contains(version)) {
            throw new IllegalArgumentException(name().toLowerCase(Locale.ROOT) + " " + version + " is not supported; use one of "
                    + versions);
        }
    }
}
