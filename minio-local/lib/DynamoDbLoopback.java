import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Starts DynamoDB Local on 127.0.0.1 only: its command line has no host option and its Jetty
 * server listens on every interface, so the connector's host is set before the server starts.
 * Run as a single-file program with DynamoDB Local's jars on the class path; arguments are
 * DynamoDB Local's own (-port, -inMemory, -sharedDb, ...).
 */
public final class DynamoDbLoopback {
  private DynamoDbLoopback() {}

  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Server server = null;
    for (Field field : DynamoDBProxyServer.class.getDeclaredFields()) {
      if (Server.class.isAssignableFrom(field.getType())) {
        field.setAccessible(true);
        server = (Server) field.get(proxy);
      }
    }
    if (server == null) {
      throw new IllegalStateException("no Jetty server inside DynamoDBProxyServer");
    }
    for (Connector connector : server.getConnectors()) {
      ((ServerConnector) connector).setHost("127.0.0.1");
    }
    proxy.start();
    proxy.join();
  }
}
