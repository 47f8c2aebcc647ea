package dev.unikernel.tools.disk;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the project version, from version.properties that Maven filters at build time. */
final class ToolVersion implements IVersionProvider {

    @Override
    public String[] getVersion() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ToolVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IOException("version.properties is missing from the jar: rebuild the tool with Maven");
            }
            properties.load(in);
        }
        return new String[] {"disk (unikernel) " + properties.getProperty("version")};
    }
}
