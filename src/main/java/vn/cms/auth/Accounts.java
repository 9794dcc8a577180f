package vn.cms.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.jwt.build.Jwt;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
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
import java.util.Optional;
import org.jboss.logging.Logger;
import vn.cms.auth.AuthRecords.AccessToken;
import vn.cms.auth.AuthRecords.NewUser;
import vn.cms.auth.AuthRecords.UserChanges;
import vn.cms.auth.AuthRecords.UserView;
import vn.cms.common.config.CmsConfig;
import vn.cms.common.web.ApiException;
import vn.cms.common.web.MergePatch;

/** Accounts: the first administrator, logins, and the administrator's management of accounts. */
@ApplicationScoped
public class Accounts {

    /** Identity attribute holding the account id. */
    public static final String USER_ID = "cms.userId";
    static final String ISSUER = "cms-api";
    private static final String ADMIN = Role.ADMIN.name();

    private static final Logger LOG = Logger.getLogger(Accounts.class);

    private final Passwords passwords;
    private final LoginThrottle throttle;
    private final MergePatch mergePatch;
    private final CmsConfig config;
    private final Clock clock;
    private final ZoneId zone;

    Accounts(Passwords passwords, LoginThrottle throttle, MergePatch mergePatch, CmsConfig config, Clock clock) {
        this.passwords = passwords;
        this.throttle = throttle;
        this.mergePatch = mergePatch;
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

    /**
     * An access token for this username and password, or 401 (429 after too many failures). A
     * hash of the scheme before the pre-hash is replaced by the current scheme on the way.
     */
    public AccessToken login(String username, String password, String clientAddress) {
        String name = username.toLowerCase(Locale.ROOT);
        User user = checkPassword(name, password, clientAddress).orElse(null);
        if (user == null || user.disabled) {
            throw ApiException.unauthorized("Unknown username or wrong password");
        }
        if (passwords.isOutdated(user.passwordHash)) {
            String upgraded = passwords.hash(password);
            QuarkusTransaction.requiringNew().run(() -> User.update("passwordHash = ?1 where id = ?2 and passwordHash = ?3",
                    upgraded, user.id, user.passwordHash));
        }
        long lifetime = config.auth().tokenLifetime().toSeconds();
        String token = Jwt.issuer(ISSUER)
                .audience(config.jwt().audience())
                .subject(Long.toString(user.id))
                .upn(user.username)
                .groups(new HashSet<>(user.roles))
                .claim(AccountAugmentor.STAMP, user.tokenStamp)
                .expiresIn(lifetime)
                .sign();
        return new AccessToken(token, "Bearer", lifetime);
    }

    /**
     * Changes the caller's password. A wrong current password is 403 (the caller is
     * authenticated; the password is a second proof), throttled like logins. Access tokens
     * issued before stop working; API tokens stay until revoked.
     */
    @Transactional
    public void changePassword(long id, String currentPassword, String newPassword, String clientAddress) {
        User user = find(id);
        confirmPassword(user, currentPassword, clientAddress);
        user.passwordHash = passwords.hash(newPassword);
        user.tokenStamp++;
    }

    /** 403 unless this is the account's password (throttled like logins). */
    void confirmPassword(User user, String password, String clientAddress) {
        if (checkPassword(user.username, password, clientAddress).isEmpty()) {
            throw ApiException.forbidden("The password is wrong");
        }
    }

    private Optional<User> checkPassword(String username, String password, String clientAddress) {
        throttle.attempt(username, clientAddress);
        User user = User.findByUsername(username).orElse(null);
        if (!passwords.matches(password, user == null ? null : user.passwordHash)) {
            return Optional.empty();
        }
        throttle.succeeded(username, clientAddress);
        return Optional.of(user);
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

    /**
     * JSON Merge Patch of displayName and roles. A change of roles ends the account's access
     * tokens; the last enabled administrator cannot lose ADMIN (409).
     */
    @Transactional
    public UserView patch(long id, JsonNode patch) {
        User user = find(id);
        UserChanges changes = mergePatch.apply(new UserChanges(user.displayName,
                user.roles.stream().map(Role::valueOf).toList()), patch, UserChanges.class);
        List<String> roles = changes.roles().stream().distinct().sorted().map(Role::name).toList();
        if (!roles.equals(user.roles)) {
            if (!user.disabled && user.roles.contains(ADMIN) && !roles.contains(ADMIN)) {
                requireAnotherEnabledAdministrator(user, "The last enabled administrator cannot lose the ADMIN role");
            }
            user.roles = roles;
            user.tokenStamp++;
        }
        user.displayName = changes.displayName().strip();
        return view(user);
    }

    /**
     * Disables or re-enables an account; disabling ends its tokens. The last enabled
     * administrator cannot be disabled.
     */
    @Transactional
    public UserView setDisabled(long id, boolean disabled) {
        User user = find(id);
        if (disabled && !user.disabled) {
            if (user.roles.contains(ADMIN)) {
                requireAnotherEnabledAdministrator(user, "The last enabled administrator cannot be disabled");
            }
            user.tokenStamp++;
        }
        user.disabled = disabled;
        return view(user);
    }

    /** Locks the enabled administrators, so that two requests cannot each remove "the other" one. */
    private static void requireAnotherEnabledAdministrator(User user, String refusal) {
        List<User> administrators = User.<User>find("disabled = false and array_contains(roles, ?1)", ADMIN)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
        if (administrators.stream().noneMatch(other -> !other.id.equals(user.id))) {
            throw ApiException.conflict(refusal);
        }
    }

    /** The security identity of an account row (columns of app_user) that authenticated with this credential. */
    static SecurityIdentity identity(ResultSet row, Credential credential) throws SQLException {
        Array roles = row.getArray("roles");
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(row.getString("username")))
                .addRoles(new HashSet<>(Arrays.asList((String[]) roles.getArray())))
                .addAttribute(USER_ID, row.getLong("id"))
                .addAttribute(Credential.ATTRIBUTE, credential)
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

    User find(long id) {
        return User.<User>findByIdOptional(id).orElseThrow(() -> ApiException.notFound("No user has the id " + id));
    }

    private UserView view(User user) {
        return new UserView(user.id, user.username, user.displayName,
                user.roles.stream().map(Role::valueOf).toList(), user.disabled,
                user.createdAt.atZone(zone).toOffsetDateTime());
    }
}
