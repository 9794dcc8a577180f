package vn.cms.auth;

/** What an account may do. ADMIN: everything; EDITOR: all content; AUTHOR: own drafts. */
public enum Role {
    ADMIN,
    EDITOR,
    AUTHOR;

    /** Names for {@code @RolesAllowed}, which needs constants. */
    public static final class Names {
        public static final String ADMIN = "ADMIN";
        public static final String EDITOR = "EDITOR";
        public static final String AUTHOR = "AUTHOR";

        private Names() {
        }
    }
}
