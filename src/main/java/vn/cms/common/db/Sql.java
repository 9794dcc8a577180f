package vn.cms.common.db;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Plain JDBC for the read paths that are hot or need SQL that JPQL cannot say (recursive
 * section trees, keyset row comparisons, array containment) and for bulk writes of many rows
 * in one statement (the write paths of articles and sections). Ordinary writes go through Panache.
 */
@ApplicationScoped
public class Sql {

    /** Turns the current row into a value. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private final AgroalDataSource dataSource;

    Sql(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public <T> List<T> list(String sql, List<?> params, RowMapper<T> mapper) {
        return withConnection(connection -> list(connection, sql, params, mapper));
    }

    /** The same query on a connection the caller holds (and commits). */
    public static <T> List<T> list(Connection connection, String sql, List<?> params, RowMapper<T> mapper)
            throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, params);
             ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(mapper.map(rows));
            }
            return result;
        }
    }

    /** Work on one connection. */
    @FunctionalInterface
    public interface ConnectionWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} on a connection of the pool. Within a transaction the pool hands out the
     * transaction's own connection (the one Hibernate writes on), so the work joins it.
     */
    public <T> T withConnection(ConnectionWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    /**
     * Hands each row to {@code handler} as it arrives, {@code fetchSize} rows at a time from a
     * server-side cursor, so that a result of any size is never held whole (a sitemap page).
     */
    public void forEach(String sql, List<?> params, int fetchSize, RowHandler handler) {
        try (Connection connection = dataSource.getConnection()) {
            // PostgreSQL keeps a cursor only inside a transaction; it only reads, so it is rolled back.
            connection.setAutoCommit(false);
            try (PreparedStatement statement = prepare(connection, sql, params)) {
                statement.setFetchSize(fetchSize);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        handler.handle(rows);
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    /** Consumes the current row. */
    @FunctionalInterface
    public interface RowHandler {
        void handle(ResultSet row) throws SQLException;
    }

    public <T> Optional<T> one(String sql, List<?> params, RowMapper<T> mapper) {
        return list(sql, params, mapper).stream().findFirst();
    }

    /** Runs an insert, update or delete; answers the number of rows it touched. */
    public int update(String sql, List<?> params) {
        return withConnection(connection -> update(connection, sql, params));
    }

    /** The same update on a connection the caller holds (and commits). */
    public static int update(Connection connection, String sql, List<?> params) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, params)) {
            return statement.executeUpdate();
        }
    }

    public long count(String sql, List<?> params) {
        return one(sql, params, row -> row.getLong(1)).orElse(0L);
    }

    /**
     * Microseconds since the epoch, the precision of {@code timestamptz}; exact for any year
     * ({@code ChronoUnit.MICROS.between} goes through nanoseconds and overflows past 2262).
     */
    public static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    public static Instant ofMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    /** A {@code timestamptz} column as an instant; {@code null} stays {@code null}. */
    public static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static PreparedStatement prepare(Connection connection, String sql, List<?> params) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < params.size(); i++) {
            Object param = params.get(i);
            if (param instanceof Instant instant) {
                statement.setObject(i + 1, instant.atOffset(ZoneOffset.UTC));
            } else if (param instanceof Long[] longs) {
                statement.setArray(i + 1, connection.createArrayOf("bigint", longs));
            } else if (param instanceof Integer[] ints) {
                statement.setArray(i + 1, connection.createArrayOf("integer", ints));
            } else if (param instanceof UUID[] uuids) {
                statement.setArray(i + 1, connection.createArrayOf("uuid", uuids));
            } else if (param instanceof String[] strings) {
                statement.setArray(i + 1, connection.createArrayOf("text", strings));
            } else {
                statement.setObject(i + 1, param);
            }
        }
        return statement;
    }

    /** A query failed; the problem mapper tells an unreachable database (503) from a fault (500). */
    public static class DatabaseException extends RuntimeException {
        DatabaseException(SQLException cause) {
            super(cause);
        }
    }
}
