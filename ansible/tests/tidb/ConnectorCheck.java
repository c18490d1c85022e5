import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Properties;

/**
 * Connects with mysql-connector-j the way the service does (tests/run passes the JDBC URL and the
 * properties of service/config/production.yml with the rendered environment substituted) and
 * prints the TLS version of the session. Exit 0 when connected, 1 with the error otherwise.
 *   java -cp mysql-connector-j.jar ConnectorCheck.java URL USER PASSWORD [key=value ...]
 */
public final class ConnectorCheck {
    public static void main(String[] args) {
        Properties props = new Properties();
        props.setProperty("user", args[1]);
        props.setProperty("password", args[2]);
        for (int i = 3; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            props.setProperty(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        try (Connection c = DriverManager.getConnection(args[0], props);
             ResultSet rs = c.createStatement().executeQuery("SHOW SESSION STATUS LIKE 'Ssl_version'")) {
            rs.next();
            System.out.println("connected, TLS: " + rs.getString(2));
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            System.out.println("refused: " + e.getClass().getSimpleName() + ": " + e.getMessage() + " / " + root);
            System.exit(1);
        }
    }
}
