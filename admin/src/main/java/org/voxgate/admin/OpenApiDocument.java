package org.voxgate.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The OpenAPI 3.1 document of the admin API, assembled once from a base (info, servers, the
 * bearer security scheme, the shared {@code Error} schema) and the fragments in the classpath
 * directory {@code openapi/}: each {@code *.json} there is {@code {"paths": {...},
 * "components": {...}}} for one resource (see {@code openapi/README.md}). Fragments are merged
 * in file-name order; the same path and method in two fragments, or one component name with
 * two different definitions, is an error naming both files.
 *
 * <p>Immutable after {@link #load}; the served JSON is rendered once.
 */
final class OpenApiDocument {

    static final String DIRECTORY = "openapi";
    private static final String BASE = "openapi-base.json";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private final ObjectNode document;
    private final String json;

    private OpenApiDocument(ObjectNode document, ObjectMapper mapper) throws IOException {
        this.document = document;
        this.json = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(document);
    }

    /**
     * Loads the base and every fragment found on the class path.
     *
     * @throws IllegalStateException when a file is missing, unreadable, not the expected shape,
     *                               or clashes with another
     */
    static OpenApiDocument load(ObjectMapper mapper) {
        try {
            ObjectNode base;
            try (InputStream in = OpenApiDocument.class.getResourceAsStream(BASE)) {
                if (in == null) {
                    throw new IllegalStateException("the OpenAPI base " + BASE + " is missing from the class path");
                }
                base = (ObjectNode) mapper.readTree(in);
            }
            Map<String, JsonNode> fragments = new TreeMap<>();
            for (Path file : fragmentFiles()) {
                String name = file.getFileName().toString();
                if (fragments.containsKey(name)) {
                    throw new IllegalStateException("two OpenAPI fragments are called " + name);
                }
                fragments.put(name, mapper.readTree(Files.readString(file)));
            }
            return new OpenApiDocument(merge(base, fragments), mapper);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OpenAPI fragments", e);
        }
    }

    /** Merges {@code fragments} (file name to content) into a copy of {@code base}. */
    static ObjectNode merge(ObjectNode base, Map<String, JsonNode> fragments) {
        ObjectNode doc = base.deepCopy();
        ObjectNode paths = doc.withObject("/paths");
        ObjectNode components = doc.withObject("/components");
        Map<String, String> origin = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : fragments.entrySet()) {
            String file = entry.getKey();
            JsonNode fragment = entry.getValue();
            if (!fragment.isObject()) {
                throw new IllegalStateException("OpenAPI fragment " + file + " must be a JSON object");
            }
            for (Iterator<String> keys = fragment.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (!key.equals("paths") && !key.equals("components")) {
                    throw new IllegalStateException("OpenAPI fragment " + file + ": unexpected top-level key '"
                            + key + "' (only paths and components)");
                }
            }
            mergePaths(paths, fragment.path("paths"), file, origin);
            mergeComponents(components, fragment.path("components"), file, origin);
        }
        return doc;
    }

    private static void mergePaths(ObjectNode paths, JsonNode add, String file, Map<String, String> origin) {
        for (Map.Entry<String, JsonNode> path : add.properties()) {
            ObjectNode target = paths.withObject("/" + path.getKey().replace("~", "~0").replace("/", "~1"));
            for (Map.Entry<String, JsonNode> item : path.getValue().properties()) {
                String key = item.getKey();
                String where = METHODS.contains(key) ? key.toUpperCase(Locale.ROOT) + " " + path.getKey()
                        : path.getKey() + " " + key;
                JsonNode existing = target.get(key);
                if (existing != null && (METHODS.contains(key) || !existing.equals(item.getValue()))) {
                    throw new IllegalStateException("OpenAPI: " + where + " is defined in both "
                            + origin.get(where) + " and " + file);
                }
                target.set(key, item.getValue());
                origin.putIfAbsent(where, file);
            }
        }
    }

    private static void mergeComponents(ObjectNode components, JsonNode add, String file, Map<String, String> origin) {
        for (Map.Entry<String, JsonNode> section : add.properties()) {
            ObjectNode target = components.withObject("/" + section.getKey());
            for (Map.Entry<String, JsonNode> item : section.getValue().properties()) {
                JsonNode existing = target.get(item.getKey());
                String where = "components/" + section.getKey() + "/" + item.getKey();
                if (existing != null && !existing.equals(item.getValue())) {
                    throw new IllegalStateException("OpenAPI: " + where + " differs between "
                            + origin.getOrDefault(where, "the base") + " and " + file);
                }
                target.set(item.getKey(), item.getValue());
                origin.putIfAbsent(where, file);
            }
        }
    }

    /** Every documented operation as {@code "GET /api/calls/{id}"}, sorted. */
    Set<String> operations() {
        Set<String> out = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (String key : iterable(path.getValue().fieldNames())) {
                if (METHODS.contains(key)) {
                    out.add(key.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }
        }
        return Collections.unmodifiableSet(out);
    }

    /**
     * Each operation ({@code "GET /api/calls"}) with the role its {@code x-role} names, or
     * {@code public} when its {@code security} is empty.
     */
    Map<String, String> roles() {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                if (METHODS.contains(op.getKey())) {
                    JsonNode security = op.getValue().get("security");
                    String role = security != null && security.isArray() && security.isEmpty()
                            ? RouteCatalog.PUBLIC : op.getValue().path("x-role").asText("");
                    out.put(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), role);
                }
            }
        }
        return out;
    }

    /** The whole document as pretty-printed JSON. */
    String json() {
        return json;
    }

    JsonNode tree() {
        return document.deepCopy();
    }

    private static <T> Iterable<T> iterable(Iterator<T> it) {
        return () -> it;
    }

    // The directory may sit in a classes directory (tests, IDE) or inside a jar (the shaded
    // server), and several class path entries may each bring some fragments.
    private static List<Path> fragmentFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        Enumeration<URL> dirs = OpenApiDocument.class.getClassLoader().getResources(DIRECTORY);
        while (dirs.hasMoreElements()) {
            URI uri;
            try {
                uri = dirs.nextElement().toURI();
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
            Path dir = "jar".equals(uri.getScheme()) ? jarFileSystem(uri).provider().getPath(uri) : Path.of(uri);
            try (Stream<Path> list = Files.list(dir)) {
                list.filter(p -> p.getFileName().toString().endsWith(".json")).forEach(files::add);
            }
        }
        return files;
    }

    private static FileSystem jarFileSystem(URI uri) throws IOException {
        try {
            return FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            return FileSystems.getFileSystem(uri);
        }
    }
}
