package vn.cms.media;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import vn.cms.common.db.Sql;

/** A row of the media table. */
record MediaRow(long id, ImageFormat format, int width, int height, long size, String checksum, String filename,
                String alt, String caption, FocalPoint focalPoint, String placeholder, Long createdBy,
                Instant createdAt) {

    static final String COLUMNS = "id, mime_type, width, height, size, checksum, filename, alt, caption, focal_x,"
            + " focal_y, placeholder, created_by, created_at";

    static MediaRow of(ResultSet row) throws SQLException {
        double x = row.getDouble("focal_x");
        FocalPoint focalPoint = row.wasNull() ? null : new FocalPoint(x, row.getDouble("focal_y"));
        long createdBy = row.getLong("created_by");
        return new MediaRow(row.getLong("id"), ImageFormat.ofMimeType(row.getString("mime_type")), row.getInt("width"),
                row.getInt("height"), row.getLong("size"), row.getString("checksum"), row.getString("filename"),
                row.getString("alt"), row.getString("caption"), focalPoint, row.getString("placeholder"),
                row.wasNull() ? null : createdBy, Sql.instant(row, "created_at"));
    }

    /** The store key of the original. */
    String originalKey() {
        return id + "/original." + format.extension();
    }

    FocalPoint focalPointOrCentre() {
        return focalPoint == null ? FocalPoint.CENTRE : focalPoint;
    }
}
