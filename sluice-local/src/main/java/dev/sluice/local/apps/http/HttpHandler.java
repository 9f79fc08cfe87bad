package dev.sluice.local.apps.http;

/** Serves one request of a built-in app; may block (it runs on its own virtual thread). */
@FunctionalInterface
public interface HttpHandler {

    HttpResponse handle(HttpRequest request) throws Exception;
}
