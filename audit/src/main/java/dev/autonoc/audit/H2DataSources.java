package dev.autonoc.audit;

import java.nio.file.Path;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** Plain H2 data sources, no pool: the ledger holds one writer connection for its lifetime. */
final class H2DataSources {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_\\-]{1,100}");

    static {
        // H2's object cache hashes every string and value it reads, in full, to share equal
        // ones; a ledger's rows are all different, so for it the cache is pure cost (a third of
        // the fetch in verify). It is a JVM-wide setting read once when H2 loads: we turn it off
        // only if nobody chose, and only if H2 was not loaded before.
        if (System.getProperty("h2.objectCache") == null) {
            System.setProperty("h2.objectCache", "false");
        }
    }

    private H2DataSources() {}

    /**
     * An H2 database in {@code file.mv.db}. {@code WRITE_DELAY=0} makes H2 write its log at each
     * commit rather than up to half a second later (its default), so a process that dies right
     * after an append returned has still written the entry.
     */
    static DataSource file(Path fileWithoutSuffix) {
        String path = fileWithoutSuffix.toAbsolutePath().normalize().toString();
        if (path.contains(";")) {
            throw new IllegalArgumentException(
                    "an H2 database path cannot contain ';' (it separates URL settings): " + path);
        }
        if (path.endsWith(".mv.db")) {
            throw new IllegalArgumentException(
                    "give the H2 database path without its .mv.db suffix: " + path);
        }
        return dataSource("jdbc:h2:file:" + path + ";WRITE_DELAY=0");
    }

    /** A named in-memory H2 database that lives until the JVM ends. */
    static DataSource memory(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "an in-memory database name is 1..100 letters, digits, '_' or '-', got '"
                            + name
                            + "'");
        }
        return dataSource("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    }

    /**
     * Frees a named in-memory database once every ledger on it is closed; nothing happens if it is
     * gone already.
     */
    static void dropMemory(String name) {
        try (java.sql.Connection c = memory(name).getConnection();
                java.sql.Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (java.sql.SQLException e) {
            // nothing to free
        }
    }

    private static DataSource dataSource(String url) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser("sa");
        ds.setPassword("");
        return ds;
    }
}
