package io.auditcover.api;

import io.auditcover.access.AccessStore;
import io.auditcover.access.Principal;
import io.auditcover.access.SessionTokens;
import io.auditcover.access.SignInWithEthereum;
import io.auditcover.api.Route.Call;
import io.auditcover.api.Route.Reply;
import io.auditcover.engine.Engine;
import io.auditcover.store.EventLog;
import io.auditcover.store.SqliteEventLog;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: the routes of {@link Routes} with authentication, per-client rate limits and the
 * one error shape around each; the web console and its chart library as static files; CORS closed
 * (no cross-origin headers are ever sent). Closing it stops taking requests and lets those in flight
 * finish; the engine is closed by whoever started it.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    /** On every read: the log sequence the view that answered reflects. */
    static final String LOG_SEQUENCE = "Auditcover-Log-Sequence";
    /** On a read: answer from a view at this log sequence or later (read-your-writes), or 503 sequence_not_reached. */
    static final String MIN_SEQUENCE = "Auditcover-Min-Sequence";
    private static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'";

    /**
     * Where to listen, the per-client rate limit (0 turns it off), extra domains sign-in messages may name (host[:port], reached
     * over https), the chain id sign-in messages must name, and public URLs the console is served at (each adds its origin and
     * its host[:port]). The listen address at its port is always accepted over http.
     */
    public record Settings(String host, int port, double requestsPerSecondPerClient, int burstPerClient, Set<String> signInDomains,
            long signInChainId, List<URI> publicUrls) {
        public static final double REQUESTS_PER_SECOND_DEFAULT = 200;
        public static final int BURST_DEFAULT = 400;
        public static final long SIGN_IN_CHAIN_ID_DEFAULT = 1;

        public Settings {
            signInDomains = Set.copyOf(signInDomains);
            publicUrls = List.copyOf(publicUrls);
            if (signInChainId <= 0) {
                throw new IllegalArgumentException("the sign-in chain id must be positive: " + signInChainId);
            }
            for (URI url : publicUrls) {
                if (url.getScheme() == null || !Set.of("http", "https").contains(url.getScheme()) || url.getRawAuthority() == null) {
                    throw new IllegalArgumentException("a public URL is http(s)://host[:port][/path]: " + url);
                }
            }
        }

        public static Settings local(int port) {
            return new Settings("127.0.0.1", port, REQUESTS_PER_SECOND_DEFAULT, BURST_DEFAULT, Set.of(), SIGN_IN_CHAIN_ID_DEFAULT, List.of());
        }

        public Settings withRateLimit(double perSecond, int burst) {
            return new Settings(host, port, perSecond, burst, signInDomains, signInChainId, publicUrls);
        }

        public Settings withSignIn(long chainId, List<URI> urls) {
            return new Settings(host, port, requestsPerSecondPerClient, burstPerClient, signInDomains, chainId, urls);
        }
    }

    private final Javalin app;
    private final AccessStore accessStore;
    private final EventLog logReader;
    private final ReadModel readModel;
    private final SessionTokens sessions;
    private final SignInWithEthereum signIn;
    private final List<Route> routes;
    private final List<String> registered = Collections.synchronizedList(new ArrayList<>());
    private final Clock clock;
    private final RateLimiter rateLimiter;
    private final ServiceMetrics metrics;
    private volatile SignInWithEthereum.Audience audience = new SignInWithEthereum.Audience(Set.of(), Set.of(), 1);

    private ApiServer(Engine engine, Clock clock, AccessStore accessStore, Settings settings, StatementsToSign statements,
            LossEvidenceSource lossEvidence, EventLog logReader) {
        this.clock = clock;
        this.metrics = new ServiceMetrics(engine);
        this.readModel = new ReadModel(metrics::batch);
        engine.listen(readModel).join();
        this.accessStore = accessStore;
        this.logReader = logReader;
        this.sessions = accessStore.sharedSessionSecret().map(SessionTokens::new).orElseGet(SessionTokens::new);
        this.signIn = accessStore.sharedSignInNonces().map(SignInWithEthereum::new).orElseGet(SignInWithEthereum::new);
        this.rateLimiter = new RateLimiter(settings.requestsPerSecondPerClient(), settings.burstPerClient());
        var resources = new Resources(engine, readModel, new ModelQuoter(clock), signIn, sessions, logReader, clock, () -> audience,
                accessStore::isAssessor, statements);
        byte[][] openApi = new byte[1][];
        var claimResources = new ClaimResources(resources, engine, lossEvidence, statements, clock, accessStore);
        this.routes = Routes.all(resources, claimResources, new SolvencyResources(resources), call -> new Reply(200, Reply.JSON, openApi[0], false),
                call -> new Reply(200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape(readModel.view()).getBytes(StandardCharsets.UTF_8), false));
        openApi[0] = OpenApi.document(routes);
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = Limits.REQUEST_BYTES_MAX;
            config.http.disableCompression();
            config.staticFiles.add("/web", Location.CLASSPATH);
            config.staticFiles.enableWebjars();
            config.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
            config.events.handlerAdded(meta -> registered.add(meta.getHttpMethod() + " " + meta.getPath()));
        });
        for (Route route : routes) {
            app.addHttpHandler(route.method(), route.path(), ctx -> handle(route, ctx));
        }
        app.before(ctx -> {
            ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Referrer-Policy", "no-referrer");
        });
        app.exception(HttpResponseException.class, (e, ctx) -> writeError(ctx, e.getStatus() == 404 ? noRoute(ctx) : fromJavalin(e.getStatus(),
                e.getMessage())));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            writeError(ctx, internal());
        });
        app.error(404, ctx -> {
            if (!isJson(ctx)) {
                writeError(ctx, noRoute(ctx));
            }
        });
        app.error(405, ctx -> {
            if (!isJson(ctx)) {
                writeError(ctx, new ApiException(405, "method_not_allowed", "method not allowed here", Map.of()));
            }
        });
        app.start(settings.host(), settings.port());
        this.audience = audience(settings, app.port());
    }

    /** The listen address over http, --domain names over https, and each public URL's origin. */
    private static SignInWithEthereum.Audience audience(Settings settings, int port) {
        var domains = new TreeSet<String>();
        var origins = new TreeSet<String>();
        var listening = new TreeSet<>(List.of("localhost", "127.0.0.1"));
        if (!Set.of("0.0.0.0", "::", "[::]").contains(settings.host())) {
            listening.add(settings.host());
        }
        for (String host : listening) {
            domains.add(host + ":" + port);
            origins.add("http://" + host + ":" + port);
        }
        for (String domain : settings.signInDomains()) {
            domains.add(domain);
            origins.add("https://" + domain);
        }
        for (URI url : settings.publicUrls()) {
            domains.add(url.getRawAuthority());
            origins.add(url.getScheme() + "://" + url.getRawAuthority());
        }
        return new SignInWithEthereum.Audience(domains, origins, settings.signInChainId());
    }

    /**
     * Starts serving; blocks until the engine has published its first read view and the port is bound. {@code statements}
     * builds what oracles and wallets sign; {@code lossEvidence} proves claims' losses ({@link LossEvidenceSource#NONE} without
     * a chain to read).
     */
    public static ApiServer start(Engine engine, Clock clock, Path dataDirectory, Settings settings, StatementsToSign statements,
            LossEvidenceSource lossEvidence) {
        return start(engine, clock, dataDirectory, settings, statements, lossEvidence, SqliteEventLog.open(dataDirectory));
    }

    /**
     * As {@link #start(Engine, Clock, Path, Settings, StatementsToSign, LossEvidenceSource)}, with the log routes (records,
     * verify) reading {@code logReader}: the engine's log opened to read, which the server closes (a shared log's, for one).
     */
    public static ApiServer start(Engine engine, Clock clock, Path dataDirectory, Settings settings, StatementsToSign statements,
            LossEvidenceSource lossEvidence, EventLog logReader) {
        return start(engine, clock, AccessStore.open(dataDirectory), settings, statements, lossEvidence, logReader);
    }

    /** As above, with its keys, seats and session secret in {@code accessStore} (the shared one, beside a shared log), which it closes. */
    public static ApiServer start(Engine engine, Clock clock, AccessStore accessStore, Settings settings, StatementsToSign statements,
            LossEvidenceSource lossEvidence, EventLog logReader) {
        try {
            return new ApiServer(engine, clock, accessStore, settings, statements, lossEvidence, logReader);
        } catch (RuntimeException e) {
            logReader.close();
            accessStore.close();
            throw e;
        }
    }

    public int port() {
        return app.port();
    }

    /** The domains a sign-in message may name (the ones this server is reached at). */
    public Set<String> signInDomains() {
        return audience.domains();
    }

    List<Route> routes() {
        return routes;
    }

    /** Every method and path Javalin registered, as "GET /api/pools". */
    List<String> registeredRoutes() {
        return List.copyOf(registered);
    }

    SessionTokens sessions() {
        return sessions;
    }

    AccessStore accessStore() {
        return accessStore;
    }

    ReadView view() {
        return readModel.view();
    }

    @Override
    public void close() {
        app.stop();
        synchronized (logReader) {
            logReader.close();
        }
        accessStore.close();
    }

    private void handle(Route route, Context ctx) {
        long started = System.nanoTime();
        try {
            Principal principal = authenticate(ctx);
            if (!rateLimiter.allow(principal.id())) {
                throw new ApiException(429, "rate_limited", "too many requests; slow down", Map.of());
            }
            ReadView view = readModel.view();
            if (view == null) {
                throw new ApiException(503, "not_ready", "the engine is not serving yet", Map.of());
            }
            if (route.method() == HandlerType.GET) {
                view = viewAtSequence(ctx, view);
                ctx.header(LOG_SEQUENCE, Long.toString(view.headSequence()));
            }
            String ownedId = route.owner().pathParameter == null ? null : ctx.pathParam(route.owner().pathParameter);
            Authorization.check(route.rule(), route.owner(), route.method() == HandlerType.GET, principal, view, ownedId);
            Reply reply = route.action().handle(new Call(ctx, principal, view));
            if (reply.replayed()) {
                ctx.header("Idempotent-Replayed", "true");
            }
            write(ctx, reply.status(), reply.contentType(), reply.body());
        } catch (ApiException e) {
            writeError(ctx, e);
        } catch (HttpResponseException e) {
            writeError(ctx, fromJavalin(e.getStatus(), e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            writeError(ctx, internal());
        } finally {
            metrics.http(route.method().name(), route.path(), ctx.statusCode(), System.nanoTime() - started);
        }
    }

    /**
     * The view a read answers from: the latest, or, when the request names a sequence it must reflect (the one its own write
     * answered with, say, on another instance), the first that reaches it within {@link Limits#MIN_SEQUENCE_WAIT_MAX}. A
     * view that does not get there is answered 503 with the sequence it did reach, so the client can retry or go elsewhere.
     */
    private ReadView viewAtSequence(Context ctx, ReadView latest) {
        String wanted = ctx.header(MIN_SEQUENCE);
        if (wanted == null) {
            return latest;
        }
        if (!wanted.matches("[0-9]{1," + Limits.SEQUENCE_DIGITS_MAX + "}")) {
            throw ApiException.malformed(MIN_SEQUENCE, MIN_SEQUENCE + " must be a log sequence of 1-" + Limits.SEQUENCE_DIGITS_MAX + " digits");
        }
        long sequence = Long.parseLong(wanted);
        try {
            return readModel.awaitSequence(sequence, Limits.MIN_SEQUENCE_WAIT_MAX).orElseThrow(() -> {
                long reached = readModel.view().headSequence();
                ctx.header(LOG_SEQUENCE, Long.toString(reached));
                return new ApiException(503, "sequence_not_reached", "this instance has applied the log up to " + reached + ", not yet "
                        + sequence + "; retry", Map.of("current_sequence", Long.toString(reached), "wanted_sequence", wanted));
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "not_ready", "the server is stopping", Map.of());
        }
    }

    private Principal authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null) {
            return new Principal.Anonymous(ctx.ip());
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() > SessionTokens.TOKEN_LENGTH_MAX + 7) {
            throw ApiException.unauthenticated("Authorization must be 'Bearer <session token or API key>'");
        }
        String token = header.substring("Bearer ".length()).strip();
        if (token.startsWith(AccessStore.KEY_PREFIX)) {
            return accessStore.keyHolder(token)
                    .orElseThrow(() -> ApiException.unauthenticated("the API key is unknown or revoked"));
        }
        // The token names the wallet; its role is what the access store says now, so a seat or a removal counts at once.
        return sessions.verify(token, clock.instant()).<Principal>map(address -> new Principal.Wallet(address, accessStore.isAssessor(address)))
                .orElseThrow(() -> ApiException.unauthenticated("the session token is invalid or expired; sign in again"));
    }

    private static boolean isJson(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith(Reply.JSON);
    }

    static void writeError(Context ctx, ApiException e) {
        var node = Json.object().put("error", e.code()).put("message", e.getMessage());
        var details = node.putObject("details");
        e.details().forEach(details::put);
        write(ctx, e.status(), Reply.JSON, Json.bytes(node));
    }

    /** Writes the bytes straight to the response: Javalin's result stream would copy them through a fresh 8 KiB buffer. */
    private static void write(Context ctx, int status, String contentType, byte[] body) {
        ctx.status(status).contentType(contentType);
        ctx.res().setContentLength(body.length);
        try {
            ctx.res().getOutputStream().write(body);
        } catch (java.io.IOException e) {
            // the client went away; there is no one left to answer
        }
    }

    /**
     * No route answers this method here: 405 method_not_allowed naming the methods that do (also in {@code Allow}) when some
     * route has the path, else 404 route_not_found.
     */
    private ApiException noRoute(Context ctx) {
        String path = ctx.path();
        var allowed = new java.util.TreeSet<String>();
        for (Route route : routes) {
            if (pathMatches(route.path(), path)) {
                allowed.add(route.method().name());
            }
        }
        if (allowed.isEmpty()) {
            return new ApiException(404, "route_not_found", "no route " + shorten(path), Map.of());
        }
        String allow = String.join(", ", allowed);
        ctx.header("Allow", allow);
        return new ApiException(405, "method_not_allowed", shorten(ctx.method().name() + " is not allowed on " + path) + "; it answers " + allow,
                Map.of("allow", allow));
    }

    /** Whether a route's path ({@code /api/claims/{claimId}}) names {@code path}: its parameters match one segment each. */
    static boolean pathMatches(String template, String path) {
        String[] expected = template.split("/", -1);
        String[] actual = path.split("/", -1);
        if (expected.length != actual.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            boolean parameter = expected[i].startsWith("{") && expected[i].endsWith("}");
            if (parameter ? actual[i].isEmpty() : !expected[i].equals(actual[i])) {
                return false;
            }
        }
        return true;
    }

    private static ApiException fromJavalin(int status, String message) {
        String code = switch (status) {
            case 400 -> "malformed_request";
            case 404 -> "route_not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "body_too_large";
            default -> status >= 500 ? "internal_error" : "http_" + status;
        };
        return new ApiException(status, code, message == null || message.isEmpty() ? code.replace('_', ' ') : shorten(message), Map.of());
    }

    private static ApiException internal() {
        return new ApiException(500, "internal_error", "the server failed unexpectedly",
                Map.of());
    }

    private static String shorten(String text) {
        return text.length() > 100 ? text.substring(0, 100) + "..." : text;
    }
}
