package dev.papertrader.service.nativeimage;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * Which classes of a module Jackson may build or write by reflection, and which a native executable registers for
 * it, so a test can say that no JSON type is left out ({@code *NativeReflectionTests}).
 *
 * <p>A native executable keeps only the reflection metadata it is told about: a JSON record missing from every
 * {@link RegisterForReflection} works on the JVM and fails in the executable. papertrader's rule is simple so that it
 * cannot miss a type: every record and enum of our code, and every type that names its JSON subtypes
 * ({@link JsonTypeInfo}), is registered — messages, engine state, REST bodies and the bundled data's file formats
 * alike. The few that never meet Jackson cost a little metadata, nothing else.
 */
public final class JsonTypes {

    private JsonTypes() {
    }

    /**
     * The records, enums and {@link JsonTypeInfo} types of the module (directory or jar) that holds {@code anchor},
     * in the {@code dev.papertrader} packages, ordered by name. Classes are loaded without being initialised.
     */
    public static List<Class<?>> declaredBeside(Class<?> anchor) {
        Path source = codeSource(anchor);
        ClassLoader loader = anchor.getClassLoader();
        return classNames(source).stream()
                .<Class<?>>map(name -> load(name, loader))
                .filter(type -> type.isRecord() || type.isEnum() || type.isAnnotationPresent(JsonTypeInfo.class))
                .sorted(Comparator.comparing(Class::getName))
                .toList();
    }

    /**
     * The classes the {@link RegisterForReflection} of {@code holders} register: its {@code targets} and its
     * {@code classNames} (used for the private nested types a class literal cannot name).
     */
    public static Set<Class<?>> registeredBy(Class<?>... holders) {
        Set<Class<?>> registered = new LinkedHashSet<>();
        for (Class<?> holder : holders) {
            RegisterForReflection registration = holder.getAnnotation(RegisterForReflection.class);
            if (registration == null) {
                throw new IllegalArgumentException(holder.getName() + " is not annotated with @RegisterForReflection");
            }
            registered.addAll(Arrays.asList(registration.targets()));
            for (String name : registration.classNames()) {
                registered.add(load(name, holder.getClassLoader()));
            }
        }
        return registered;
    }

    private static Path codeSource(Class<?> anchor) {
        try {
            return Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the classes of " + anchor.getName(), e);
        }
    }

    private static List<String> classNames(Path source) {
        try {
            if (Files.isDirectory(source)) {
                try (Stream<Path> files = Files.walk(source.resolve("dev/papertrader"))) {
                    return files.filter(file -> file.toString().endsWith(".class"))
                            .map(file -> className(source.relativize(file).toString().replace('\\', '/')))
                            .toList();
                }
            }
            try (JarFile jar = new JarFile(source.toFile())) {
                return jar.stream().map(ZipEntry::getName)
                        .filter(name -> name.startsWith("dev/papertrader/") && name.endsWith(".class"))
                        .map(JsonTypes::className)
                        .toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the classes of " + source, e);
        }
    }

    private static String className(String path) {
        return path.substring(0, path.length() - ".class".length()).replace('/', '.');
    }

    private static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name + " is listed but cannot be loaded", e);
        }
    }
}
