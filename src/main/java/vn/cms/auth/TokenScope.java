package vn.cms.auth;

/** What an API token may do; the constants are spelled as the API and the database spell them. */
public enum TokenScope {
    /** Read everything the owner may read, drafts included; every write is 403. */
    read,
    /** The owner's rights. */
    write
}
