package dev.autonoc.service.connected;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.ds.PGSimpleDataSource;

/** What the several-instances tests read straight from the shared PostgreSQL database. */
final class PostgresRows {

    private PostgresRows() {}

    /** The first column of every row {@code sql} returns, as text. */
    static List<String> column(String databaseUrl, String sql) throws SQLException {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(databaseUrl);
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
