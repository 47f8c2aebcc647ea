package dev.unikernel.engine;

import dev.unikernel.engine.ApplicationModel.Parameter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the providers of a class path: each jar lists its provider classes in
 * {@code META-INF/unikernel/providers}; their {@code @Provider} factories are read by reflection,
 * loaded and never initialised, in a loader of their own.
 */
public final class CatalogueReader {

    /** The index resource every jar with providers carries: one class name a line, {@code #} comments. */
    public static final String INDEX = "META-INF/unikernel/providers";
    static final String PROVIDER = "dev.unikernel.api.Provider";

    private CatalogueReader() {
    }

    public static Catalogue read(List<Path> classpath) throws UnikernelException {
        URL[] urls = new URL[classpath.size()];
        try {
            for (int i = 0; i < urls.length; i++) {
                urls[i] = classpath.get(i).toUri().toURL();
            }
        } catch (IOException e) {
            throw new ApplicationException("bad class path entry: " + e.getMessage(), e);
        }
        try (URLClassLoader loader = new URLClassLoader("unikernel-catalogue", urls, ClassLoader.getPlatformClassLoader())) {
            List<ProviderSpec> providers = new ArrayList<>();
            Enumeration<URL> indexes = loader.getResources(INDEX);
            while (indexes.hasMoreElements()) {
                URL index = indexes.nextElement();
                for (String className : classNames(index)) {
                    providers.addAll(providersOf(load(loader, className, index), origin(index)));
                }
            }
            return new Catalogue(providers);
        } catch (IOException e) {
            throw new ApplicationException("cannot read the device catalogue: " + e.getMessage(), e);
        }
    }

    private static List<String> classNames(URL index) throws IOException {
        List<String> names = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(index.openStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                int comment = line.indexOf('#');
                String name = (comment >= 0 ? line.substring(0, comment) : line).trim();
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static Class<?> load(ClassLoader loader, String name, URL index) throws ApplicationException {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ApplicationException(origin(index) + " lists provider class " + name + " in " + INDEX
                    + ", which cannot be loaded (" + e + "): fix the list or the jar");
        }
    }

    private static List<ProviderSpec> providersOf(Class<?> type, String origin) throws ApplicationException {
        List<Executable> factories = new ArrayList<>(List.of(type.getMethods()));
        factories.addAll(List.of(type.getConstructors()));
        // getMethods() has no defined order: sort, so that messages listing providers are stable.
        factories.sort(java.util.Comparator.comparing(Executable::getName)
                .thenComparing(f -> java.util.Arrays.toString(f.getParameterTypes())));
        List<ProviderSpec> providers = new ArrayList<>();
        for (Executable factory : factories) {
            Annotation provider = ParameterReader.annotation(factory, PROVIDER);
            if (provider != null && factory.getDeclaringClass() == type) {
                providers.add(spec(type, factory, provider, origin));
            }
        }
        if (providers.isEmpty()) {
            throw new ApplicationException(origin + " lists " + type.getName() + " in " + INDEX
                    + ", but it has no public factory annotated with @Provider");
        }
        return providers;
    }

    private static ProviderSpec spec(Class<?> type, Executable factory, Annotation provider, String origin)
            throws ApplicationException {
        String where = type.getName() + "." + (factory instanceof Method m ? m.getName() : "<init>");
        if (factory instanceof Method method && !Modifier.isStatic(method.getModifiers())) {
            throw new ApplicationException("provider " + where + " must be static (or a public constructor)");
        }
        Class<?> contract = factory instanceof Method method ? method.getReturnType() : type;
        List<Parameter> parameters = new ArrayList<>();
        java.lang.reflect.Parameter[] declared = factory.getParameters();
        for (int i = 0; i < declared.length; i++) {
            parameters.add(ParameterReader.read("provider " + where, declared[i], i));
        }
        return new ProviderSpec((String) ParameterReader.value(provider, "value"),
                (String) ParameterReader.value(provider, "doc"), ParameterReader.typeName(contract), supertypes(contract),
                List.of((String[]) ParameterReader.value(provider, "targets")),
                (Boolean) ParameterReader.value(provider, "preferred"),
                List.of((String[]) ParameterReader.value(provider, "keyDefaults")), files(provider, where),
                ParameterReader.typeName(type), factory instanceof Method m ? m.getName() : null, parameters,
                AutoCloseable.class.isAssignableFrom(contract), origin);
    }

    /** {@code files}, which an api older than it does not have: such a provider reads none. */
    private static String files(Annotation provider, String where) throws ApplicationException {
        String files;
        try {
            files = (String) provider.annotationType().getMethod("files").invoke(provider);
        } catch (NoSuchMethodException older) {
            return "";
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read files of @Provider " + where, e);
        }
        if (!List.of("", BakedFiles.IMAGE, BakedFiles.CLASS_PATH).contains(files)) {
            throw new ApplicationException("provider " + where + " declares files = \"" + files + "\": give \""
                    + BakedFiles.IMAGE + "\", \"" + BakedFiles.CLASS_PATH + "\" or nothing");
        }
        return files;
    }

    private static Set<String> supertypes(Class<?> type) {
        Set<String> names = new LinkedHashSet<>();
        List<Class<?>> pending = new ArrayList<>(List.of(type));
        while (!pending.isEmpty()) {
            Class<?> next = pending.removeLast();
            if (next != null && next != Object.class && names.add(ParameterReader.typeName(next))) {
                pending.add(next.getSuperclass());
                pending.addAll(List.of(next.getInterfaces()));
            }
        }
        return names;
    }

    private static String origin(URL index) {
        String text = index.toString();
        int bang = text.indexOf("!/");
        return bang >= 0 ? text.substring(text.lastIndexOf('/', bang) + 1, bang) : text;
    }
}
