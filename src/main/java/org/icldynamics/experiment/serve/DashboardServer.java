package org.icldynamics.experiment.serve;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.icldynamics.config.ConfigException;

/**
 * The dashboard's HTTP server: the static pages of {@code resources/dashboard} and read-only JSON endpoints over the
 * served directories. Every handler answers GET only and reads nothing but what {@link ServedRoots} resolves.
 *
 * <pre>
 * /api/index                      runs (table rows), studies, reproduction reports
 * /api/run?id=RUN                 a run's header: summary, provenance, config, theory lines, snapshot steps
 * /api/metrics?id=RUN&amp;from=K      metrics.csv rows from K on (complete lines only) and the next K
 * /api/circuits?id=RUN&amp;step=S     KQ and OV circuits of every head in the snapshot at step S
 * /api/analysis?id=RUN            analysis.json as written by icl analyze
 * /api/study?id=STUDY             study.csv, final loss per swept key with t-intervals, curves with bands
 * /api/reproduction?id=DIR        an icl reproduce output by paper: figures and checks
 * /files/NAME                     a file under the served directories (images, CSV, JSON, the HTML report)
 * </pre>
 */
public final class DashboardServer implements AutoCloseable {
    private final ServedRoots roots;
    private final Javalin app;

    private DashboardServer(ServedRoots roots, Javalin app) {
        this.roots = roots;
        this.app = app;
    }

    /** Starts serving {@code roots} on {@code host:port} (port 0: any free port). */
    public static DashboardServer start(ServedRoots roots, String host, int port) {
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.staticFiles.add("/dashboard", Location.CLASSPATH);
            // Jetty refuses a request path that climbs above "/" with 400 before any route sees it: answer such
            // refusals 404 like every other name that leads nowhere
            config.jetty.modifyServer(server -> server.setErrorHandler((request, response, callback) -> {
                Object status = request.getAttribute(org.eclipse.jetty.server.handler.ErrorHandler.ERROR_STATUS);
                response.setStatus(Integer.valueOf(400).equals(status) ? 404 : status instanceof Integer i ? i : 500);
                response.getHeaders().put("Content-Type", "text/plain; charset=utf-8");
                response.write(true, java.nio.ByteBuffer.wrap("not found\n".getBytes(
                        java.nio.charset.StandardCharsets.UTF_8)), callback);
                return true;
            }));
            config.routes.get("/api/index", ctx -> json(ctx, index(roots)));
            config.routes.get("/api/run", ctx -> json(ctx, RunInfo.page(id(ctx), run(roots, ctx))));
            config.routes.get("/api/metrics", ctx -> json(ctx, MetricsTail.read(
                    run(roots, ctx).resolve("metrics.csv"), intParam(ctx, "from"))));
            config.routes.get("/api/circuits", ctx -> {
                CircuitFrame f = CircuitFrame.read(run(roots, ctx), longParam(ctx, "step"));
                if (f == null) {
                    throw new ServedRoots.NotFound("snapshot at step " + ctx.queryParam("step"));
                }
                json(ctx, f);
            });
            config.routes.get("/api/analysis", ctx -> file(ctx, require(run(roots, ctx).resolve("analysis.json"))));
            config.routes.get("/api/study", ctx -> json(ctx, study(roots.require(id(ctx)))));
            config.routes.get("/api/reproduction", ctx -> {
                Path dir = roots.require(id(ctx));
                require(dir.resolve("checks.csv")); // not a reproduction's directory: 404, not 500
                json(ctx, ReproductionView.read(id(ctx), dir));
            });
            config.routes.get("/files/<name>", ctx -> {
                Path f = roots.require(ctx.pathParam("name"));
                if (!Files.isRegularFile(f)) {
                    throw new ServedRoots.NotFound(ctx.pathParam("name"));
                }
                file(ctx, f);
            });
            config.routes.exception(ServedRoots.Forbidden.class, (e, ctx) -> text(ctx, 403, e.getMessage()));
            config.routes.exception(ServedRoots.NotFound.class, (e, ctx) -> text(ctx, 404, e.getMessage()));
            config.routes.exception(ConfigException.class, (e, ctx) -> text(ctx, 400, e.getMessage()));
            config.routes.exception(IOException.class, (e, ctx) -> text(ctx, 500, "cannot read: " + e.getMessage()));
        });
        app.start(host, port);
        return new DashboardServer(roots, app);
    }

    public int port() {
        return app.port();
    }

    public ServedRoots roots() {
        return roots;
    }

    @Override
    public void close() {
        app.stop();
    }

    static Map<String, Object> index(ServedRoots roots) throws IOException {
        DirectoryScan.Found found = DirectoryScan.scan(roots);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("roots", roots.roots().stream().map(Path::toString).toList());
        out.put("runs", found.runs().stream().map(r -> RunInfo.row(r, roots.require(r))).toList());
        out.put("studies", found.studies());
        out.put("reports", found.reports());
        return out;
    }

    static Map<String, Object> study(Path dir) throws IOException {
        Path csv = require(dir.resolve("study.csv"));
        StudyTable table = StudyTable.read(csv);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("keys", table.keys());
        out.put("rows", table.rows());
        out.put("finalLoss", StudyAggregate.finalLoss(table));
        out.put("trainCurves", StudyAggregate.curves(table, dir, "train_loss"));
        out.put("evalCurves", StudyAggregate.curves(table, dir, "eval_loss"));
        return out;
    }

    private static String id(Context ctx) {
        String id = ctx.queryParam("id");
        if (id == null) {
            throw new ConfigException("missing query parameter id");
        }
        return id;
    }

    /** The run directory named by {@code ?id=} (it must hold a config.yaml). */
    private static Path run(ServedRoots roots, Context ctx) {
        Path dir = roots.require(id(ctx));
        if (!Files.isRegularFile(dir.resolve("config.yaml"))) {
            throw new ServedRoots.NotFound(id(ctx) + " (not a run directory)");
        }
        return dir;
    }

    private static Path require(Path f) {
        if (!Files.isRegularFile(f)) {
            throw new ServedRoots.NotFound(f.getFileName().toString());
        }
        return f;
    }

    private static int intParam(Context ctx, String name) {
        return (int) Math.min(Integer.MAX_VALUE, longParam(ctx, name));
    }

    private static long longParam(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " = '" + v + "': must be an integer");
        }
    }

    private static void json(Context ctx, Object value) throws IOException {
        ctx.contentType("application/json").header("Cache-Control", "no-store")
                .result(Json.MAPPER.writeValueAsBytes(value));
    }

    private static void text(Context ctx, int status, String message) {
        ctx.status(status).contentType("text/plain; charset=utf-8").result(message);
    }

    private static final Map<String, String> TYPES = Map.of("png", "image/png", "svg", "image/svg+xml",
            "csv", "text/csv; charset=utf-8", "json", "application/json", "html", "text/html; charset=utf-8",
            "yaml", "text/plain; charset=utf-8", "txt", "text/plain; charset=utf-8", "md", "text/plain; charset=utf-8");

    /** Sends a file; served HTML may not run scripts or reach anything (sandboxed). */
    private static void file(Context ctx, Path f) throws IOException {
        String name = f.getFileName().toString();
        String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        ctx.contentType(TYPES.getOrDefault(ext, "application/octet-stream"))
                .header("Content-Security-Policy", "sandbox; default-src 'none'; img-src data: 'self'; "
                        + "style-src 'unsafe-inline'")
                .header("X-Content-Type-Options", "nosniff");
        InputStream in = Files.newInputStream(f);
        ctx.result(in);
    }

    /** Names of the pages, for tests and the command's message. */
    public static List<String> pages() {
        return List.of("index.html", "run.html", "study.html", "reproduction.html");
    }
}
