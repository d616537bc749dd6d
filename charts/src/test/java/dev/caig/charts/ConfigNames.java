package dev.caig.charts;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

/** The property names a SmallRye @ConfigMapping interface reads, and their environment-variable spelling. */
final class ConfigNames {
    private ConfigNames() {
    }

    static Set<String> properties(Class<?> mapping) {
        ConfigMapping root = mapping.getAnnotation(ConfigMapping.class);
        if (root == null) {
            throw new IllegalArgumentException(mapping + " is not a @ConfigMapping");
        }
        Set<String> out = new LinkedHashSet<>();
        collect(mapping, root.prefix(), out);
        return out;
    }

    /** The MicroProfile Config rule: every character that is not a letter or a digit becomes '_', then upper case. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    private static void collect(Class<?> type, String prefix, Set<String> out) {
        for (Method m : type.getMethods()) {
            if (m.getParameterCount() > 0 || m.isDefault() || java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            String name = m.isAnnotationPresent(WithParentName.class) ? prefix
                    : prefix + "." + (m.isAnnotationPresent(WithName.class) ? m.getAnnotation(WithName.class).value() : kebab(m.getName()));
            Class<?> group = groupType(m.getGenericReturnType());
            if (group != null) {
                collect(group, name, out);
            } else if (!Map.class.isAssignableFrom(m.getReturnType())) {
                out.add(name);
            }
        }
    }

    /** A nested config interface (possibly in an Optional), or null for a leaf value. */
    private static Class<?> groupType(Type t) {
        if (t instanceof ParameterizedType p && p.getRawType() == Optional.class) {
            t = p.getActualTypeArguments()[0];
        }
        return t instanceof Class<?> c && c.isInterface() && !c.getName().startsWith("java.") ? c : null;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
