package hipaa.settings;

/**
 * Account-level singletons: things AWS keeps once per account, so exactly one stack in the account may
 * own them.
 *
 * @param manageAccountBaseline whether this stack owns the account's singletons (today the IAM password
 *                              policy). Default true; set false on every other stack sharing the account,
 *                              or when the organization already sets them, since two owners would
 *                              overwrite each other and a destroy would delete the owner's copy
 */
public record AccountSettings(boolean manageAccountBaseline) {

    static AccountSettings read(SettingsReader r) {
        return new AccountSettings(r.bool("manageAccountBaseline", true));
    }
}
