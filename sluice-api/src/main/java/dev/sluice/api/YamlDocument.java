package dev.sluice.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One document of a YAML stream.
 *
 * @param source  the file name (or other origin) used in diagnostics
 * @param index   0-based position in the stream, counting empty documents too
 * @param line    1-based line where the document's content starts
 * @param content the parsed tree (never null; empty documents are not returned)
 */
public record YamlDocument(String source, int index, int line, JsonNode content) {

    /** Places a diagnostic about this document's content in its file and document. */
    public Diagnostic locate(Diagnostic d) {
        return d.at(source, index, line);
    }
}
