package org.icldynamics.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.icldynamics.config.ConfigException;
import org.icldynamics.experiment.serve.DashboardServer;
import org.icldynamics.experiment.serve.ServedRoots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code icl serve [DIR...]}: the local dashboard of runs, studies and reproduction reports (read-only). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve a local dashboard of the runs, studies and reproduction reports under DIR... "
                + "(read-only; loss curves update while runs train). Stop with Ctrl-C.")
final class ServeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", arity = "0..*", description = "directories to serve (default: runs)")
    List<Path> dirs;

    @Option(names = "--port", paramLabel = "P", defaultValue = "8765",
            description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;

    @Option(names = "--host", paramLabel = "H",
            description = "address to bind (default: 127.0.0.1, this machine only)")
    String host;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new ConfigException("--port " + port + ": must be in 0..65535");
        }
        ServedRoots roots = new ServedRoots(dirs == null || dirs.isEmpty() ? List.of(Path.of("runs")) : dirs);
        String bind = host == null ? "127.0.0.1" : host;
        if (host != null) {
            boolean loopback;
            try {
                loopback = InetAddress.getByName(host).isLoopbackAddress();
            } catch (UnknownHostException e) {
                throw new ConfigException("--host " + host + ": unknown host");
            }
            if (!loopback) {
                System.err.println("icl: warning: --host " + host + " makes the dashboard (and every file under "
                        + "the served directories) readable from other machines; it has no login");
            }
        }
        DashboardServer server;
        try {
            server = DashboardServer.start(roots, bind, port);
        } catch (RuntimeException e) {
            throw new ConfigException("cannot listen on " + bind + ":" + port + " (" + rootCause(e)
                    + "); choose another with --port");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "icl-serve-stop"));
        String shown = bind.contains(":") ? "[" + bind + "]" : bind;
        System.out.println("icl: dashboard at http://" + shown + ":" + server.port() + "/ serving "
                + roots.roots() + " (Ctrl-C stops)");
        System.out.flush();
        stopped.await();
        return Main.OK;
    }

    private static String rootCause(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }
}
