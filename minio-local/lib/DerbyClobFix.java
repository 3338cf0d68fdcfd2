// Run by minio-local/stack right after MetastoreSchemaTool -initSchema, as a
// single-file source program on the metastore's own Derby jar:
//   java -cp 'hive/lib/*' DerbyClobFix.java jdbc:derby:/path/to/metastore_db
//
// Why: Hive Metastore 4's Derby schema declares APP.TABLE_PARAMS.PARAM_VALUE
// as CLOB, while its own JDO mapping says VARCHAR(32672). Trino 476 commits
// Iceberg tables with an "expected parameter" check, which the metastore turns
// into a comparison on that column, and Derby cannot compare CLOBs
// (ERROR 42818). Trino then sees a read timeout on every INSERT. Derby cannot
// ALTER a CLOB into a VARCHAR, so the column is rebuilt: add, copy, drop,
// rename. Safe to run twice.
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

public class DerbyClobFix {
    public static void main(String[] args) throws SQLException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: DerbyClobFix <jdbc:derby:path>");
        }
        try (Connection c = DriverManager.getConnection(args[0])) {
            String type;
            try (ResultSet rs = c.getMetaData().getColumns(null, "APP", "TABLE_PARAMS", "PARAM_VALUE")) {
                if (!rs.next()) {
                    throw new IllegalStateException("APP.TABLE_PARAMS.PARAM_VALUE not found: is the schema initialised?");
                }
                type = rs.getString("TYPE_NAME");
            }
            if (!"CLOB".equalsIgnoreCase(type)) {
                System.out.println("APP.TABLE_PARAMS.PARAM_VALUE is already " + type);
                return;
            }
            c.setAutoCommit(false); // Derby DDL is transactional: all four steps or none
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE APP.TABLE_PARAMS ADD COLUMN PARAM_VALUE_VC VARCHAR(32672)");
                s.execute("UPDATE APP.TABLE_PARAMS SET PARAM_VALUE_VC = CAST(PARAM_VALUE AS VARCHAR(32672))");
                s.execute("ALTER TABLE APP.TABLE_PARAMS DROP COLUMN PARAM_VALUE");
                s.execute("RENAME COLUMN APP.TABLE_PARAMS.PARAM_VALUE_VC TO PARAM_VALUE");
            }
            c.commit();
            System.out.println("APP.TABLE_PARAMS.PARAM_VALUE converted from CLOB to VARCHAR(32672)");
        } finally {
            // A clean shutdown leaves no recovery work for the metastore's own Derby boot.
            try {
                DriverManager.getConnection("jdbc:derby:;shutdown=true");
            } catch (SQLException expected) {
                // Derby reports a successful system shutdown as SQLState XJ015.
            }
        }
    }
}
