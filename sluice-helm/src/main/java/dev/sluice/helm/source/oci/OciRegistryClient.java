package dev.sluice.helm.source.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.GoDuration;
import dev.sluice.api.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pull-only client of the OCI distribution API, enough to fetch Helm charts: the tag list, a
 * manifest and a blob of one repository. A {@link Session} holds what one pull needs: the basic
 * credentials, the Bearer token obtained on the registry's first 401 challenge (sent again for the
 * session's later requests), and one deadline that bounds every request and body of the session.
 * Bodies are read into memory up to a limit; manifests and blobs are checked against their
 * digests. Redirects are followed (at most 5) without the Authorization header when they leave
 * the host, as registries send blobs to object storage.
 *
 * <p>This class is thread-safe; a {@link Session} is not (use one per pull). Errors are
 * {@link OciException}s naming the URL, what was asked and the registry's answer.
 */
public class OciRegistryClient {

    /** The manifest media type of Helm charts pushed to OCI registries. */
    public static final String MANIFEST_MEDIA_TYPE = "application/vnd.oci.image.manifest.v1+json";
    static final long MAX_MANIFEST = 4L * 1024 * 1024;
    static final long MAX_TAG_PAGE = 4L * 1024 * 1024;
    static final long MAX_TOKEN = 1024 * 1024;
    static final long MAX_ERROR_BODY = 16 * 1024;
    static final int MAX_TAG_PAGES = 100;
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;[^,]*rel=\"?next\"?");

    /** Username and password for basic auth, or to obtain a Bearer token. */
    public record BasicAuth(String username, String password) {
        @Override
        public String toString() {
            return "BasicAuth[" + username + "]";
        }
    }

    private final HttpClient http;

    public OciRegistryClient() {
        this(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(30)).build());
    }

    /** @param http a client that does not follow redirects itself (this class does, dropping credentials across hosts) */
    public OciRegistryClient(HttpClient http) {
        this.http = http;
    }

    /** A session on {@code repository}: all its requests together take at most {@code timeout}. */
    public Session session(OciReference repository, Optional<BasicAuth> auth, Duration timeout) {
        return new Session(repository, auth, timeout);
    }

    /** The requests of one pull. Not thread-safe. */
    public final class Session {
        private final OciReference repo;
        private final Exchange exchange;

        private Session(OciReference repo, Optional<BasicAuth> auth, Duration timeout) {
            this.repo = repo;
            this.exchange = new Exchange(http, auth, System.nanoTime() + timeout.toNanos(), GoDuration.format(timeout));
        }

        public OciReference repository() {
            return repo;
        }

        /**
         * Every tag of the repository, following {@code Link: <...>; rel="next"} pages (at most 100).
         *
         * @throws OciException with {@code NAME_UNKNOWN}-style detail when the repository does not exist
         */
        public List<String> tags() throws OciException, InterruptedException {
            List<String> tags = new ArrayList<>();
            URI next = repo.api("tags/list");
            for (int page = 0; next != null; page++) {
                if (page == MAX_TAG_PAGES) {
                    throw new OciException("the tag list of " + repo.url() + " has more than " + MAX_TAG_PAGES + " pages");
                }
                Exchange.Response r = exchange.get(next, "application/json", MAX_TAG_PAGE, repo.pullScope());
                if (r.status() != 200) {
                    throw new OciException("cannot list the tags of " + repo.url() + ": " + r.describe(), r.isAuthFailure());
                }
                JsonNode body = json(r, "tag list of " + repo.url());
                body.path("tags").forEach(t -> tags.add(t.asText()));
                next = r.header("link").map(NEXT_LINK::matcher).filter(Matcher::find)
                        .map(m -> r.uri().resolve(m.group(1))).orElse(null);
            }
            return List.copyOf(tags);
        }

        /**
         * The image manifest {@code reference} (a tag or a digest) points to, checked against the
         * digest the registry announces and, for a digest reference, that digest.
         */
        public OciManifest manifest(String reference) throws OciException, InterruptedException {
            String where = repo.url() + ":" + reference;
            Exchange.Response r = exchange.get(repo.api("manifests/" + reference), MANIFEST_MEDIA_TYPE, MAX_MANIFEST,
                    repo.pullScope());
            if (r.status() != 200) {
                throw new OciException("cannot get the manifest of " + where + ": " + r.describe(), r.isAuthFailure());
            }
            String digest = Digests.sha256(r.body());
            Optional<String> announced = r.header("docker-content-digest");
            if (announced.isPresent() && announced.get().startsWith("sha256:") && !announced.get().equals(digest)) {
                throw new OciException("the manifest of " + where + " does not match its digest: the registry announced "
                        + announced.get() + ", the content is " + digest + "; refused");
            }
            if (reference.contains(":") && !Digests.matches(reference, r.body())) {
                throw new OciException("the manifest of " + where + " does not match that digest (content is " + digest + "); refused");
            }
            return OciManifest.parse(json(r, "manifest of " + where), digest, where);
        }

        /**
         * The blob {@code layer} names, at most {@code limit} bytes, refused unless its size and
         * digest are the descriptor's.
         */
        public byte[] blob(OciManifest.Descriptor layer, long limit) throws OciException, InterruptedException {
            String where = repo.url() + "@" + layer.digest();
            if (layer.size() > limit) {
                throw new OciException("layer " + where + " is " + layer.size() + " bytes, more than the limit of " + limit);
            }
            if (!Digests.supported(layer.digest())) {
                throw new OciException("layer " + where + ": unsupported digest algorithm; expected sha256, sha384 or sha512");
            }
            Exchange.Response r = exchange.get(repo.api("blobs/" + layer.digest()), "*/*",
                    layer.size() >= 0 ? layer.size() : limit, repo.pullScope());
            if (r.status() != 200) {
                throw new OciException("cannot get layer " + where + ": " + r.describe(), r.isAuthFailure());
            }
            if (layer.size() >= 0 && r.body().length != layer.size()) {
                throw new OciException("layer " + where + " is " + r.body().length + " bytes, the manifest says " + layer.size()
                        + "; refused");
            }
            if (!Digests.matches(layer.digest(), r.body())) {
                throw new OciException("layer " + where + " does not match its digest: the content is "
                        + Digests.sha256(r.body()) + "; refused");
            }
            return r.body();
        }

        private static JsonNode json(Exchange.Response r, String what) throws OciException {
            try {
                return Json.parseObject(new String(r.body(), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new OciException("the " + what + " is not JSON: " + e.getMessage());
            }
        }
    }

    static String form(String name, String value) {
        return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static HttpResponse.BodyHandler<byte[]> body(long limit) {
        return BoundedBody.handler(limit, MAX_ERROR_BODY);
    }
}
