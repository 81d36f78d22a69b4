package hipaa.settings;

import hipaa.data.Backups;
import hipaa.data.Engine;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database and its backups.
 *
 * <p>What is not here is fixed in code on purpose: storage encryption with the data key, TLS-only
 * parameters, RDS-managed master password, IAM database authentication, final snapshot, Performance
 * Insights, enhanced monitoring and log exports. {@code hipaa:dbPubliclyAccessible} exists only to refuse
 * {@code true} with a reason, because it is the first key someone coming from the Quick Start or a
 * Terraform module will reach for. Deletion protection comes from the root {@code hipaa:deletionProtection},
 * which prod stacks cannot turn off.
 *
 * @param engine                 {@code postgres} or {@code mysql}; CAUTION: changing it replaces the database
 * @param engineVersion          major version from {@link Engine#versions()}; RDS picks and upgrades the minor
 * @param instanceClass          e.g. {@code db.m6g.large}
 * @param allocatedStorageGiB    initial gp3 storage
 * @param maxAllocatedStorageGiB storage autoscaling ceiling, at least 10% above {@code allocatedStorageGiB}
 * @param dbBackupRetentionDays  RDS automated backups (point-in-time recovery), 7 to 35 days; prod 35
 * @param backupWindow           daily UTC window for automated backups, {@code hh:mm-hh:mm}
 * @param maintenanceWindow      weekly UTC window, {@code ddd:hh:mm-ddd:hh:mm}, not overlapping the backup window, and
 *                               starting at least an hour after AWS Backup's daily job may have started
 * @param multiAz                synchronous standby in a second AZ; prod requires it
 * @param dbName                 the database created at launch
 * @param caCertIdentifier       the RDS CA that signs the server certificate
 * @param logRetentionDays       retention of the exported database logs
 * @param backupRetentionDays    AWS Backup daily recovery points, 7 days or more; prod 35 or more
 * @param backupCopyVaultArn     a second backup vault (another Region or account) that receives a copy of each
 *                               daily recovery point; empty for none
 */
public record DatabaseSettings(Engine engine, String engineVersion, String instanceClass,
                               int allocatedStorageGiB, int maxAllocatedStorageGiB,
                               int dbBackupRetentionDays, String backupWindow, String maintenanceWindow,
                               boolean multiAz, String dbName, String caCertIdentifier, int logRetentionDays,
                               int backupRetentionDays, Optional<String> backupCopyVaultArn) {

    /** The RDS CAs with current (2061-or-later) roots; the retired rds-ca-2019 is deliberately absent. */
    public static final List<String> CA_IDENTIFIERS = List.of("rds-ca-rsa2048-g1", "rds-ca-rsa4096-g1", "rds-ca-ecc384-g1");
    /** RDS keeps automated backups at most 35 days; HIPAA-minded prod keeps all of them. */
    public static final int MAX_RDS_RETENTION = 35;
    public static final int MIN_RETENTION = 7;
    public static final int PROD_RETENTION = 35;
    static final int MIN_STORAGE_GIB = 20;
    static final int MAX_STORAGE_GIB = 65536;

    private static final Pattern ANY = Pattern.compile(".*", Pattern.DOTALL);
    private static final Pattern INSTANCE_CLASS = Pattern.compile("db\\.[a-z][a-z0-9-]*\\.[a-z0-9]+");
    private static final Pattern DB_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final Pattern DAILY = Pattern.compile("([01]\\d|2[0-3]):([0-5]\\d)-([01]\\d|2[0-3]):([0-5]\\d)");
    private static final Pattern WEEKLY = Pattern.compile(
            "(mon|tue|wed|thu|fri|sat|sun):([01]\\d|2[0-3]):([0-5]\\d)-(mon|tue|wed|thu|fri|sat|sun):([01]\\d|2[0-3]):([0-5]\\d)");
    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    private static final Pattern VAULT_ARN = Pattern.compile(
            "arn:aws(-us-gov)?:backup:[a-z]{2}(-gov)?-[a-z]+-\\d:\\d{12}:backup-vault:[A-Za-z0-9_.-]{2,50}");
    /** Names the engines keep for themselves. */
    private static final Set<String> RESERVED_DB_NAMES = Set.of("postgres", "template0", "template1", "rdsadmin",
            "mysql", "sys", "information_schema", "performance_schema");
    /** MySQL instance classes on which Performance Insights (always on here) is not available. */
    private static final Pattern MYSQL_TOO_SMALL_FOR_INSIGHTS = Pattern.compile("db\\.t[234]g?\\.(micro|small)");

    static DatabaseSettings read(SettingsReader r, boolean prod) {
        var engine = Engine.fromId(r.choice("dbEngine", Engine.POSTGRES.id(), Engine.ids()));
        var allVersions = java.util.Arrays.stream(Engine.values()).flatMap(e -> e.versions().stream()).toList();
        var version = r.choice("dbEngineVersion", engine.defaultVersion(), allVersions);
        if (r.valid("dbEngine", "dbEngineVersion") && !engine.versions().contains(version)) {
            r.problem("dbEngineVersion", version, "is not a " + engine.id() + " version; with hipaa:dbEngine " + engine.id()
                    + " use one of " + String.join(", ", engine.versions()));
            version = engine.defaultVersion();
        }
        var instanceClass = r.string("dbInstanceClass", "db.m6g.large", INSTANCE_CLASS,
                "an RDS DB instance class such as db.m6g.large or db.t4g.micro");
        int problemsBefore = r.problems().size();
        int allocated = r.integer("dbAllocatedStorageGiB", 100, MIN_STORAGE_GIB, MAX_STORAGE_GIB);
        int max = r.integer("dbMaxAllocatedStorageGiB", 500, MIN_STORAGE_GIB, MAX_STORAGE_GIB);
        // Compare the two only when both were read as written, or a typo in one reports the other too.
        boolean storageReadAsWritten = r.problems().size() == problemsBefore;
        int retention = r.integer("dbBackupRetentionDays", MAX_RDS_RETENTION, MIN_RETENTION, MAX_RDS_RETENTION);
        var backupWindow = r.string("dbBackupWindow", "03:00-04:00", ANY,
                "a daily UTC window hh:mm-hh:mm of at least 30 minutes, such as 03:00-04:00");
        var maintenanceWindow = r.string("dbMaintenanceWindow", DEFAULT_MAINTENANCE_WINDOW, ANY,
                "a weekly UTC window ddd:hh:mm-ddd:hh:mm of at least 30 minutes, such as " + DEFAULT_MAINTENANCE_WINDOW
                        + ", outside hipaa:dbBackupWindow and clear of the AWS Backup job (" + backupJobWindow() + " UTC daily)");
        boolean multiAz = r.bool("dbMultiAz", true);
        var dbName = r.string("dbName", "app", ANY,
                "a lower-case letter, then up to 62 lower-case letters, digits or _; not a name the engine reserves");
        var ca = r.choice("dbCaCertIdentifier", CA_IDENTIFIERS.get(0), CA_IDENTIFIERS);
        int logRetention = r.integerOneOf("dbLogRetentionDays", 365, NetworkSettings.RETENTION_DAYS);
        boolean publiclyAccessible = r.bool("dbPubliclyAccessible", false);
        int vaultRetention = r.integer("backupRetentionDays", PROD_RETENTION, MIN_RETENTION, 36500);
        var copyVault = r.optionalString("backupCopyVaultArn", VAULT_ARN,
                "the ARN of an existing backup vault in another Region or account, "
                        + "arn:aws:backup:<region>:<account>:backup-vault:<name>");

        if (publiclyAccessible) {
            r.problem("dbPubliclyAccessible", "true", "must be false: the database holds PHI and lives in isolated data "
                    + "subnets with no route to the internet; reach it through the bastion or the VPN");
        }
        int minMax = (allocated * 11 + 9) / 10;
        if (storageReadAsWritten && max < minMax) {
            r.problem("dbMaxAllocatedStorageGiB", Integer.toString(max), "must be at least 10% above hipaa:dbAllocatedStorageGiB ("
                    + allocated + "), so at least " + minMax + ", for storage autoscaling to work");
        }
        if (!DB_NAME.matcher(dbName).matches() || RESERVED_DB_NAMES.contains(dbName)) {
            r.problem("dbName", dbName, "a lower-case letter, then up to 62 lower-case letters, digits or _; "
                    + "not one of the names the engines reserve (" + String.join(", ", RESERVED_DB_NAMES.stream().sorted().toList()) + ")");
            dbName = "app";
        }
        if (r.valid("dbEngine", "dbInstanceClass") && engine == Engine.MYSQL
                && MYSQL_TOO_SMALL_FOR_INSIGHTS.matcher(instanceClass).matches()) {
            r.problem("dbInstanceClass", instanceClass, "is too small for Performance Insights on MySQL, which this program "
                    + "always turns on; use db.t4g.medium or larger");
        }
        var daily = dailyMinutes(r, backupWindow);
        var weekly = weeklyMinutes(r, maintenanceWindow);
        if (daily.isPresent() && weekly.isPresent() && overlaps(daily.get(), weekly.get())) {
            r.problem("dbMaintenanceWindow", maintenanceWindow, "overlaps hipaa:dbBackupWindow " + backupWindow
                    + " on some day; RDS requires the two windows to be disjoint");
        }
        // AWS Backup starts no backup of a database from one hour before its maintenance window until the window
        // ends ("Backup plan options and configuration", AWS Backup Developer Guide): a daily job whose start
        // window falls there is skipped that day, and the vault misses a recovery point every week.
        var job = new Span(Backups.SCHEDULE_HOUR_UTC * 60, Backups.START_WINDOW_MINUTES);
        if (weekly.isPresent() && overlaps(job, new Span(weekly.get().start() - BACKUP_BLACKOUT_MINUTES,
                weekly.get().length() + BACKUP_BLACKOUT_MINUTES))) {
            int jobStart = Backups.SCHEDULE_HOUR_UTC * 60;
            r.problem("dbMaintenanceWindow", maintenanceWindow, "leaves the daily AWS Backup job (it starts between "
                    + backupJobWindow() + " UTC) no time to start: AWS Backup starts no database backup from an hour "
                    + "before the maintenance window to its end, so that day's recovery point would be missing; begin the "
                    + "window at " + hhmm(jobStart + Backups.START_WINDOW_MINUTES + BACKUP_BLACKOUT_MINUTES)
                    + " or later, or end it by " + hhmm(jobStart) + ", such as " + DEFAULT_MAINTENANCE_WINDOW);
        }

        if (prod) {
            if (r.valid("dbBackupRetentionDays") && retention < PROD_RETENTION) {
                r.problem("dbBackupRetentionDays", Integer.toString(retention), "prod stacks keep automated backups "
                        + PROD_RETENTION + " days (the RDS maximum); only non-production stacks may keep fewer");
            }
            if (r.valid("backupRetentionDays") && vaultRetention < PROD_RETENTION) {
                r.problem("backupRetentionDays", Integer.toString(vaultRetention), "prod stacks keep daily recovery points "
                        + PROD_RETENTION + " days or more; only non-production stacks may keep fewer");
            }
            if (r.valid("dbMultiAz") && !multiAz) {
                r.problem("dbMultiAz", "false", "prod stacks run a Multi-AZ standby (true) so losing an AZ loses no "
                        + "committed data; only non-production stacks may run a single instance");
            }
        }

        return new DatabaseSettings(engine, version, instanceClass, allocated, max, retention, backupWindow,
                maintenanceWindow, multiAz, dbName, ca, logRetention, vaultRetention, copyVault);
    }

    /**
     * Sunday 08:00-09:00 UTC: clear of the RDS backup window (03:00-04:00) and of AWS Backup's daily job
     * (starting 05:00-06:00), and the small hours of the night in the Americas.
     */
    public static final String DEFAULT_MAINTENANCE_WINDOW = "sun:08:00-sun:09:00";
    /** How long before a database's maintenance window AWS Backup stops starting its backups. */
    static final int BACKUP_BLACKOUT_MINUTES = 60;

    /** {@code 05:00-06:00}: when AWS Backup's daily job may start. */
    static String backupJobWindow() {
        int start = Backups.SCHEDULE_HOUR_UTC * 60;
        return hhmm(start) + "-" + hhmm(start + Backups.START_WINDOW_MINUTES);
    }

    private static String hhmm(int minutes) {
        return String.format(java.util.Locale.ROOT, "%02d:%02d", (minutes / 60) % 24, minutes % 60);
    }

    /** The parameter-group family the settings imply, e.g. {@code postgres17}. */
    public String family() {
        return engine.family(engineVersion);
    }

    // ------------------------------------------------------------------ windows

    private record Span(int start, int length) {}

    private static Optional<Span> dailyMinutes(SettingsReader r, String window) {
        Matcher m = DAILY.matcher(window);
        if (!m.matches()) {
            r.problem("dbBackupWindow", window, "a daily UTC window hh:mm-hh:mm of at least 30 minutes, such as 03:00-04:00");
            return Optional.empty();
        }
        int start = minutes(m.group(1), m.group(2));
        int length = Math.floorMod(minutes(m.group(3), m.group(4)) - start, 1440);
        if (length < 30) {
            r.problem("dbBackupWindow", window, "must last at least 30 minutes (RDS minimum)");
            return Optional.empty();
        }
        return Optional.of(new Span(start, length));
    }

    private static Optional<Span> weeklyMinutes(SettingsReader r, String window) {
        Matcher m = WEEKLY.matcher(window);
        if (!m.matches()) {
            r.problem("dbMaintenanceWindow", window, "a weekly UTC window ddd:hh:mm-ddd:hh:mm (ddd is mon to sun) of at least "
                    + "30 minutes, such as " + DEFAULT_MAINTENANCE_WINDOW);
            return Optional.empty();
        }
        int start = DAYS.indexOf(m.group(1)) * 1440 + minutes(m.group(2), m.group(3));
        int end = DAYS.indexOf(m.group(4)) * 1440 + minutes(m.group(5), m.group(6));
        int length = Math.floorMod(end - start, 7 * 1440);
        if (length < 30) {
            r.problem("dbMaintenanceWindow", window, "must last at least 30 minutes (RDS minimum)");
            return Optional.empty();
        }
        return Optional.of(new Span(start, length));
    }

    private static int minutes(String hh, String mm) {
        return Integer.parseInt(hh) * 60 + Integer.parseInt(mm);
    }

    /** Whether the weekly window shares a minute with the daily window on any day of the week. */
    private static boolean overlaps(Span daily, Span weekly) {
        int week = 7 * 1440;
        var busy = new boolean[week];
        for (int day = 0; day < 7; day++) {
            for (int i = 0; i < daily.length(); i++) {
                busy[(day * 1440 + daily.start() + i) % week] = true;
            }
        }
        for (int i = 0; i < weekly.length(); i++) {
            if (busy[Math.floorMod(weekly.start() + i, week)]) {
                return true;
            }
        }
        return false;
    }
}
