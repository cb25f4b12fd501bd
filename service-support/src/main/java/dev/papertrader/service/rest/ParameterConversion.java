package dev.papertrader.service.rest;

import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.List;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Finds which query or path parameter of a resource method Quarkus REST could not convert: the exception it raises
 * does not say. Each parameter's raw values are converted again by the JAX-RS rules (primitives and their boxes,
 * enums, a static {@code valueOf}, {@code fromString} or {@code parse} of a string, a {@code String} constructor); the first that
 * fails is the one.
 */
final class ParameterConversion {

    private ParameterConversion() {
    }

    /** The name of the first query or path parameter of {@code method} whose value does not convert, or null. */
    static String failingParameter(Method method, UriInfo uri) {
        for (Parameter parameter : method.getParameters()) {
            String query = queryName(parameter);
            String path = pathName(parameter);
            List<String> values = query != null ? uri.getQueryParameters().get(query)
                    : path != null ? uri.getPathParameters().get(path) : null;
            if (values == null) {
                continue;
            }
            for (String value : values) {
                if (!converts(parameter.getType(), value)) {
                    return query != null ? query : path;
                }
            }
        }
        return null;
    }

    private static String queryName(Parameter parameter) {
        QueryParam query = parameter.getAnnotation(QueryParam.class);
        if (query != null) {
            return query.value();
        }
        RestQuery rest = parameter.getAnnotation(RestQuery.class);
        return rest == null ? null : rest.value().isEmpty() ? parameter.getName() : rest.value();
    }

    private static String pathName(Parameter parameter) {
        PathParam path = parameter.getAnnotation(PathParam.class);
        if (path != null) {
            return path.value();
        }
        RestPath rest = parameter.getAnnotation(RestPath.class);
        return rest == null ? null : rest.value().isEmpty() ? parameter.getName() : rest.value();
    }

    /** Whether {@code value} converts to {@code type} the way JAX-RS converts a parameter. */
    static boolean converts(Class<?> type, String value) {
        try {
            if (type == String.class || type == Boolean.class || type == boolean.class) {
                return true; // a boolean parameter reads anything but "true" as false
            } else if (type == int.class || type == Integer.class) {
                Integer.parseInt(value);
            } else if (type == long.class || type == Long.class) {
                Long.parseLong(value);
            } else if (type == double.class || type == Double.class) {
                Double.parseDouble(value);
            } else if (type == float.class || type == Float.class) {
                Float.parseFloat(value);
            } else if (type == short.class || type == Short.class) {
                Short.parseShort(value);
            } else if (type == byte.class || type == Byte.class) {
                Byte.parseByte(value);
            } else if (type.isEnum()) {
                return enumConstant(type, value);
            } else {
                return byFactory(type, value);
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean enumConstant(Class<?> type, String value) {
        for (Object constant : type.getEnumConstants()) {
            if (((Enum<?>) constant).name().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean byFactory(Class<?> type, String value) {
        for (String name : List.of("valueOf", "fromString", "parse")) {
            for (Class<?> argument : List.of(String.class, CharSequence.class)) { // java.time's parse takes a CharSequence
                try {
                    Method factory = type.getMethod(name, argument);
                    if (Modifier.isStatic(factory.getModifiers())) {
                        factory.invoke(null, value);
                        return true;
                    }
                } catch (NoSuchMethodException e) {
                    // try the next way
                } catch (ReflectiveOperationException | RuntimeException e) {
                    return false;
                }
            }
        }
        try {
            type.getConstructor(String.class).newInstance(value);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
