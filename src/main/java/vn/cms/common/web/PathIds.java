package vn.cms.common.web;

/** Ids in paths are positive whole numbers; anything else is a 400 naming the parameter. */
public final class PathIds {

    private PathIds() {
    }

    public static long parse(String name, String value) {
        try {
            long id = Long.parseLong(value);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below, like a non-positive number
        }
        throw ApiException.invalid(name, "must be a positive whole number, got '" + value + "'");
    }
}
