package dev.unikernel.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/** The imports of a generated class: a type is written by its simple name unless another type took that name. */
final class JavaImports {

    private final Map<String, String> bySimpleName = new HashMap<>();
    private final TreeSet<String> imports = new TreeSet<>();

    /** How the code writes {@code typeName}: its simple name, imported, or its full name when that is taken. */
    String use(String typeName) {
        String simple = ParameterReader.simpleName(typeName);
        String owner = bySimpleName.putIfAbsent(simple, typeName);
        if (owner != null && !owner.equals(typeName)) {
            return typeName;
        }
        if (!isImplicit(typeName)) {
            imports.add(typeName);
        }
        return simple;
    }

    /** The import lines, sorted. */
    String lines() {
        StringBuilder out = new StringBuilder();
        for (String name : imports) {
            out.append("import ").append(name).append(";\n");
        }
        return out.toString();
    }

    private static boolean isImplicit(String typeName) {
        return typeName.startsWith("java.lang.") && typeName.lastIndexOf('.') == "java.lang".length()
                || typeName.indexOf('.') < 0;
    }
}
