package dev.unikernel.examples.sftp;

import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.util.Optional;
import java.util.Set;
import org.apache.sshd.common.util.security.SecurityProviderRegistrar;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.common.util.security.eddsa.generic.EdDSASupport;

/**
 * Tells MINA where ed25519 comes from: the JDK's SunEC provider, through {@link JdkEd25519}. MINA
 * asks its registrars which provider makes Ed25519 key factories, key pair generators and signatures;
 * every other algorithm falls through to the JDK's default providers.
 */
final class JdkEd25519Registrar implements SecurityProviderRegistrar {

    private static final String PROVIDER = "SunEC";
    private static final Set<Class<?>> ENTITIES = Set.of(KeyFactory.class, KeyPairGenerator.class, Signature.class);

    private final JdkEd25519 support = new JdkEd25519();

    @Override
    public String getName() {
        return "JdkEd25519";
    }

    @Override
    public String getProviderName() {
        return PROVIDER;
    }

    @Override
    public Provider getSecurityProvider() {
        return Security.getProvider(PROVIDER);
    }

    @Override
    public boolean isNamedProviderUsed() {
        // Already installed in every JDK: MINA uses the instance and registers nothing.
        return false;
    }

    @Override
    public boolean isSupported() {
        return getSecurityProvider() != null;
    }

    @Override
    public boolean isSecurityEntitySupported(Class<?> entityType, String name) {
        // MINA names it "EdDSA" in some places (after BouncyCastle and net.i2p), "Ed25519" in others.
        return ENTITIES.contains(entityType)
                && (JdkEd25519.ALGORITHM.equalsIgnoreCase(name) || SecurityUtils.EDDSA.equalsIgnoreCase(name));
    }

    @Override
    public Optional<EdDSASupport<?, ?>> getEdDSASupport() {
        return Optional.of(support);
    }
}
