package hipaa.wiring;

import com.pulumi.Context;
import com.pulumi.core.Output;
import hipaa.data.Backups;
import hipaa.data.Database;
import hipaa.identity.Keys;
import hipaa.network.Network;

import java.util.List;

/**
 * The data tier: the PHI database in the isolated data subnets, and AWS Backup's copy of it.
 *
 * @param database the database
 * @param backups  the vault, plan and selection
 * @param port     the port the database listens on, which the traffic flows open to it
 */
public record DataWiring(Database database, Backups backups, int port) {

    public static DataWiring create(Platform platform, Keys keys, NetworkWiring network) {
        var data = platform.settings().database();
        var database = new Database("db", new Database.Args(
                new Database.Server(data.engine(), data.engineVersion(), data.instanceClass(),
                        new Database.Storage(data.allocatedStorageGiB(), data.maxAllocatedStorageGiB()), data.multiAz(),
                        data.dbName()),
                new Database.Operations(data.dbBackupRetentionDays(), data.backupWindow(), data.maintenanceWindow(),
                        data.caCertIdentifier(), data.logRetentionDays()),
                network.production().placement(Network.DATA), keys, platform.naming(), platform.protect()),
                platform.opts());
        var backups = new Backups("backup", new Backups.Args(keys, data.backupRetentionDays(), data.backupCopyVaultArn(),
                List.of(database.arn), platform.naming(), platform.protect()), platform.opts());
        return new DataWiring(database, backups, data.engine().port());
    }

    public void export(Context ctx) {
        ctx.export("dbEndpoint", database.endpoint);
        ctx.export("dbAddress", database.address);
        ctx.export("dbPort", database.port);
        ctx.export("dbName", Output.of(database.dbName));
        ctx.export("dbSecurityGroupId", database.securityGroupId);
        ctx.export("dbMasterSecretArn", database.masterSecretArn);
        ctx.export("dbCaCertIdentifier", Output.of(database.caCertIdentifier));
        ctx.export("dbCaBundleUrl", Output.of(database.caBundleUrl));
        ctx.export("dbConnectionStringTemplate", database.connectionStringTemplate);
        ctx.export("backupVaultArn", backups.vaultArn);
        ctx.export("backupPlanId", backups.planId);
    }
}
