package dev.autonoc.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Which database a data source reaches, for the migrations that differ on PostgreSQL: the ledger's
 * and the service's, which share the database.
 */
public final class Databases {

    private Databases() {}

    /**
     * Whether {@code dataSource} is PostgreSQL, by the product name its driver reports.
     *
     * @throws SQLException if it cannot be reached: the caller names which database that was
     */
    public static boolean isPostgres(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData()
                    .getDatabaseProductName()
                    .toLowerCase(Locale.ROOT)
                    .contains("postgres");
        }
    }
}
