package vn.cms.auth;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.quarkus.runtime.StartupEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.jboss.logging.Logger;
import vn.cms.common.config.CmsConfig;

/**
 * Dev and test create their RS256 key pair on first start, outside the repository, so that
 * no private key is ever committed. Production points {@code cms.jwt.*} at its own pair.
 */
@ApplicationScoped
public class JwtKeys {

    private static final Logger LOG = Logger.getLogger(JwtKeys.class);

    void onStart(@Observes @Priority(1) StartupEvent event, CmsConfig config) {
        CmsConfig.Jwt jwt = config.jwt();
        if (Files.exists(jwt.privateKey()) && Files.exists(jwt.publicKey())) {
            return;
        }
        if (!jwt.generateMissingKeys()) {
            throw new IllegalStateException("The access-token key pair is missing: set cms.jwt.private-key and "
                    + "cms.jwt.public-key to PEM files (see README)");
        }
        generate(jwt.privateKey(), jwt.publicKey());
        LOG.infof("Generated a development key pair for access tokens in %s", jwt.privateKey().getParent());
    }

    private static void generate(Path privateKey, Path publicKey) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            write(privateKey, "PRIVATE KEY", pair.getPrivate().getEncoded());
            write(publicKey, "PUBLIC KEY", pair.getPublic().getEncoded());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Written aside and moved in, so that a dev server and a test run starting together never read half a key. */
    private static void write(Path target, String type, byte[] der) throws IOException {
        Files.createDirectories(target.getParent());
        String pem = "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
        Path temp = Files.createTempFile(target.getParent(), "key", ".tmp");
        Files.writeString(temp, pem, StandardCharsets.US_ASCII);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
