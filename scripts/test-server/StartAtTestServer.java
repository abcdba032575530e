import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.time.Instant;

/**
 * The time-skipping test server with its clock started at a chosen instant.
 *
 * <p>io.temporal.testserver.TestServer always starts at the wall-clock time, so a test could never
 * walk a process through 2019. TestServicesStarter takes an initial time; this main class passes it
 * through and otherwise starts the server exactly as TestServer.main does.
 *
 * <p>Usage: StartAtTestServer &lt;port&gt; &lt;ISO-8601 instant&gt; [--enable-time-skipping]
 */
public final class StartAtTestServer {
  private StartAtTestServer() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("Usage: StartAtTestServer <port> <ISO-8601 instant> [--enable-time-skipping]");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    long startMillis = Instant.parse(args[1]).toEpochMilli();
    boolean enableTimeSkipping = false;
    for (int i = 2; i < args.length; i++) {
      if (args[i].equalsIgnoreCase("--enable-time-skipping")) {
        enableTimeSkipping = true;
      } else {
        System.err.println("Unknown flag " + args[i]);
        System.exit(2);
      }
    }
    TestServicesStarter services = new TestServicesStarter(!enableTimeSkipping, startMillis);
    ServerBuilder<?> builder = Grpc.newServerBuilderForPort(port, InsecureServerCredentials.create());
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    Server server = builder.build().start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.shutdownNow();
                  services.close();
                }));
    server.awaitTermination();
  }
}
