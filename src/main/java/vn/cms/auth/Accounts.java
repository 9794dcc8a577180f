package vn.cms.auth;

import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.jwt.build.Jwt;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;
import vn.cms.auth.AuthRecords.AccessToken;
import vn.cms.auth.AuthRecords.NewUser;
import vn.cms.auth.AuthRecords.UserView;
import vn.cms.common.config.CmsConfig;
import vn.cms.common.web.ApiException;

/** Accounts: the first administrator, logins, and the administrator's management of accounts. */
@ApplicationScoped
public class Accounts {

    /** Identity attribute holding the account id. */
    public static final String USER_ID = "cms.userId";
    static final String ISSUER = "cms-api";

    private static final Logger LOG = Logger.getLogger(Accounts.class);

    private final Passwords passwords;
    private final LoginThrottle throttle;
    private final CmsConfig config;
    private final Clock clock;
    private final ZoneId zone;

    Accounts(Passwords passwords, LoginThrottle throttle, CmsConfig config, Clock clock) {
        this.passwords = passwords;
        this.throttle = throttle;
        this.config = config;
        this.clock = clock;
        this.zone = config.site().timezone();
    }

    /** With no account at all, the configured administrator (if any) becomes the first one. */
    @Transactional
    void createFirstAdministrator(@Observes @Priority(10) StartupEvent event) {
        if (User.count() > 0) {
            return;
        }
        if (config.admin().username().isEmpty() || config.admin().password().isEmpty()) {
            LOG.warn("No account exists and CMS_ADMIN_USERNAME / CMS_ADMIN_PASSWORD are not set: nobody can log in");
            return;
        }
        insert(config.admin().username().get(), config.admin().password().get(), "Administrator", List.of(Role.ADMIN));
        LOG.infof("Created the first administrator '%s'", config.admin().username().get());
    }

    /** An access token for this username and password, or 401 (429 after too many failures). */
    public AccessToken login(String username, String password, String clientAddress) {
        String name = username.toLowerCase(Locale.ROOT);
        throttle.check(name, clientAddress);
        User user = User.findByUsername(name).orElse(null);
        boolean matches = passwords.matches(password, user == null ? null : user.passwordHash);
        if (!matches || user.disabled) {
            throttle.failed(name, clientAddress);
            throw ApiException.unauthorized("Unknown username or wrong password");
        }
        throttle.succeeded(name);
        long lifetime = config.auth().tokenLifetime().toSeconds();
        String token = Jwt.issuer(ISSUER)
                .upn(user.username)
                .groups(new HashSet<>(user.roles))
                .claim("uid", user.id)
                .expiresIn(lifetime)
                .sign();
        return new AccessToken(token, "Bearer", lifetime);
    }

    @Transactional
    public UserView create(NewUser request) {
        String name = request.username().toLowerCase(Locale.ROOT);
        if (User.findByUsername(name).isPresent()) {
            throw ApiException.conflict("The username '" + name + "' is taken");
        }
        return view(insert(name, request.password(), request.displayName().strip(),
                request.roles().stream().distinct().sorted().toList()));
    }

    public List<UserView> list() {
        return User.<User>listAll(Sort.by("id")).stream().map(this::view).toList();
    }

    public UserView get(long id) {
        return view(find(id));
    }

    /** Disables or re-enables an account; the last enabled administrator cannot be disabled. */
    @Transactional
    public UserView setDisabled(long id, boolean disabled) {
        User user = find(id);
        if (disabled && !user.disabled && user.roles.contains(Role.ADMIN.name())
                && User.count("disabled = false and array_contains(roles, ?1)", Role.ADMIN.name()) <= 1) {
            throw ApiException.conflict("The last enabled administrator cannot be disabled");
        }
        user.disabled = disabled;
        return view(user);
    }

    /** The security identity of an account row (columns of app_user). */
    static SecurityIdentity identity(ResultSet row) throws SQLException {
        Array roles = row.getArray("roles");
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(row.getString("username")))
                .addRoles(new HashSet<>(Arrays.asList((String[]) roles.getArray())))
                .addAttribute(USER_ID, row.getLong("id"))
                .build();
    }

    private User insert(String username, String password, String displayName, List<Role> roles) {
        User user = new User();
        user.username = username.toLowerCase(Locale.ROOT);
        user.passwordHash = passwords.hash(password);
        user.displayName = displayName;
        user.roles = roles.stream().map(Role::name).toList();
        user.createdAt = Instant.now(clock);
        user.persist();
        return user;
    }

    private User find(long id) {
        return User.<User>findByIdOptional(id).orElseThrow(() -> ApiException.notFound("No user has the id " + id));
    }

    private UserView view(User user) {
        return new UserView(user.id, user.username, user.displayName,
                user.roles.stream().map(Role::valueOf).toList(), user.disabled,
                user.createdAt.atZone(zone).toOffsetDateTime());
    }
}
