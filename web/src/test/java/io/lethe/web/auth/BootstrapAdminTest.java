package io.lethe.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.http.auth.Role;
import io.lethe.http.auth.User;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BootstrapAdminTest {

    /** Users in a map: what the bootstrap needs of a store. */
    static final class Users implements UserStore {
        final Map<String, User> byName = new LinkedHashMap<>();

        public Optional<User> find(String username) {
            return Optional.ofNullable(byName.get(username));
        }

        public List<User> list() {
            return List.copyOf(byName.values());
        }

        public void create(User user) {
            byName.put(user.username(), user);
        }

        public boolean update(User user) {
            return byName.replace(user.username(), user) != null;
        }

        public boolean delete(String username) {
            return byName.remove(username) != null;
        }

        public long count() {
            return byName.size();
        }

        public long countWithRole(Role role) {
            return byName.values().stream().filter(u -> u.has(role)).count();
        }
    }

    private final PasswordHasher hasher = new PasswordHasher();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    private String bootstrap(Users users, Optional<String> password) {
        BootstrapAdmin.ensure(users, hasher, password)
                .ifPresent(made -> BootstrapAdmin.announce(made, new PrintStream(console, true, StandardCharsets.UTF_8)));
        return console.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldPrintTheGeneratedPasswordWhenTheConfiguredOneIsBlank() {
        Users users = new Users();

        String printed = bootstrap(users, Optional.of("  "));

        var shown = Pattern.compile("password: (\\S+)").matcher(printed);
        assertThat(shown.find()).as("the generated password is shown: %s", printed).isTrue();
        User admin = users.find("admin").orElseThrow();
        assertThat(hasher.matches(shown.group(1), admin.passwordHash())).isTrue();
        assertThat(hasher.matches("  ", admin.passwordHash())).isFalse();
        assertThat(admin.roles()).containsExactlyInAnyOrder(Role.ADMIN, Role.DESIGNER);
    }

    @Test
    void shouldUseTheConfiguredPasswordWithoutPrintingIt() {
        Users users = new Users();

        String printed = bootstrap(users, Optional.of("chosen-admin-password"));

        assertThat(printed).isEmpty();
        assertThat(hasher.matches("chosen-admin-password", users.find("admin").orElseThrow().passwordHash())).isTrue();
    }

    @Test
    void shouldMakeAnAdminUnderAFreeNameWhenNoAccountHasTheRoleAnyMore() {
        // what a restore leaves when its replayed purges removed every admin's account
        Users users = new Users();
        users.create(new User("admin", hasher.hash("a-long-enough-password"), Set.of(Role.DESIGNER), 0, Instant.now()));
        users.create(new User("dora", hasher.hash("a-long-enough-password"), Set.of(Role.SUPPORT), 0, Instant.now()));

        String printed = bootstrap(users, Optional.empty());

        var shown = Pattern.compile("Created user 'admin-2' with password: (\\S+)").matcher(printed);
        assertThat(shown.find()).as(printed).isTrue();
        assertThat(hasher.matches(shown.group(1), users.find("admin-2").orElseThrow().passwordHash())).isTrue();
        assertThat(users.find("admin-2").orElseThrow().roles()).contains(Role.ADMIN);
        assertThat(users.find("admin").orElseThrow().roles()).as("the designer called admin stays one").containsExactly(Role.DESIGNER);
        assertThat(bootstrap(users, Optional.empty())).as("once is enough").isEqualTo(printed);
    }

    @Test
    void shouldLeaveAnExistingUserBaseAlone() {
        Users users = new Users();
        bootstrap(users, Optional.of("chosen-admin-password"));
        User before = users.find("admin").orElseThrow();

        String printed = bootstrap(users, Optional.empty());

        assertThat(printed).isEmpty();
        assertThat(users.find("admin")).contains(before);
    }
}
