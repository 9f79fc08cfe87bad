package dev.sluice.delivery.canary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.flagger.AlertSeverity;
import dev.sluice.api.flagger.CanaryPhase;
import dev.sluice.delivery.notify.Notification;
import dev.sluice.delivery.routing.StickySession;
import dev.sluice.delivery.routing.TrafficSplit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Alerts, suspend, session affinity and the kubernetes provider. */
class ProvidersAndAlertsTest {

    @Test
    void initializationAlertCarriesMetadata() {
        Rollout r = new Rollout(Fixtures.deployment(Fixtures.DEFAULT_ANALYSIS + """
                alerts:
                  - name: slack-dev
                    severity: info
                    providerRef: {name: slack, namespace: default}
                """), new ControllerSettings("istio", "prod-eu"));
        r.tick();
        assertThat(r.last.effects(Effect.Alert.class)).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(AlertSeverity.INFO);
            assertThat(a.message()).isEqualTo("New Deployment detected, initialization completed.");
            assertThat(a.fields()).containsExactly(new Notification.Field("Cluster", "prod-eu"),
                    new Notification.Field("Target", "Deployment/podinfo.default"),
                    new Notification.Field("Failed checks threshold", "10"),
                    new Notification.Field("Progress deadline", "600s"),
                    new Notification.Field("Traffic routing", "Weight step: 10 max: 50"));
        });
        r.world.deploy("v2");
        r.tick();
        assertThat(r.last.effects(Effect.Alert.class)).extracting(Effect.Alert::message)
                .containsExactly("New revision detected, progressing canary analysis.");
    }

    @Test
    void severityFilter() {
        assertThat(AlertSeverity.INFO.receives(AlertSeverity.INFO)).isTrue();
        assertThat(AlertSeverity.WARN.receives(AlertSeverity.INFO)).isFalse();
        assertThat(AlertSeverity.WARN.receives(AlertSeverity.ERROR)).isTrue();
        assertThat(AlertSeverity.ERROR.receives(AlertSeverity.WARN)).isFalse();
    }

    @Test
    void suspendStopsTheTickAtOnce() {
        Rollout r = new Rollout(Fixtures.deployment().replace("  service:", "  suspend: true\n  service:"));
        r.tick();
        assertThat(r.events()).containsExactly("skipping canary run as object is suspended");
        assertThat(r.status().phase()).as("only the syncHandler's first write").isEqualTo(CanaryPhase.INITIALIZING);
        assertThat(r.last.effects(Effect.EnsurePrimary.class)).isEmpty();
    }

    @Test
    void sessionAffinityCookiesLiveInTheStatus() {
        Rollout r = new Rollout(Fixtures.deployment(Fixtures.DEFAULT_ANALYSIS + """
                sessionAffinity:
                  cookieName: flagger-cookie
                  primaryCookieName: primary-cookie
                  maxAge: 21600
                """).replace("  targetRef:", "  provider: istio\n  targetRef:")).progressing();
        r.tick();
        assertThat(r.last.effects(Effect.SetRoutes.class)).singleElement().satisfies(s -> {
            assertThat(s.split()).isEqualTo(TrafficSplit.of(90, 10));
            assertThat(s.session()).isEqualTo(new StickySession("flagger-cookie=canarycook", "primary-cookie=primarycoo", ""));
        });
        assertThat(r.status().canaryCookie()).isEqualTo("flagger-cookie=canarycook");
        r.tick();
        assertThat(r.world.session().canaryCookie()).as("the same cookie for the whole run")
                .isEqualTo("flagger-cookie=canarycook");
        r.world.setStatus(r.status().toBuilder().failedChecks(10).build());
        r.tick();
        assertThat(r.world.session()).isEqualTo(new StickySession("", "", "flagger-cookie=canarycook"));
        assertThat(r.status().canaryCookie()).isEmpty();
        assertThat(r.status().previousCookie()).isEqualTo("flagger-cookie=canarycook");
    }

    @Test
    void cookiesAreOnlyWrittenForProvidersThatRouteByCookie() {
        Rollout r = new Rollout(Fixtures.deployment(Fixtures.DEFAULT_ANALYSIS + """
                sessionAffinity:
                  cookieName: flagger-cookie
                """).replace("  targetRef:", "  provider: linkerd\n  targetRef:")).progressing();
        r.tick();
        assertThat(r.world.session()).isEqualTo(StickySession.NONE);
        assertThat(r.status().canaryCookie()).isEmpty();
    }

    @Test
    void kubernetesProviderRunsBlueGreenWithTenIterations() {
        Rollout r = new Rollout(Fixtures.deployment().replace("  targetRef:", "  provider: kubernetes\n  targetRef:"))
                .progressing();
        r.tick();
        assertThat(r.events()).containsExactly("Starting canary analysis for podinfo.default",
                "Progressive traffic is not supported when using the kubernetes provider",
                "Setting canaryAnalysis.iterations: 10", "Advance podinfo.default canary iteration 1/10");
        assertThat(r.world.routes()).isEqualTo(TrafficSplit.ALL_PRIMARY);
        for (int i = 0; i < 9; i++) {
            r.tick();
        }
        assertThat(r.status().iterations()).isEqualTo(10);
        r.tick();
        assertThat(r.world.routes()).as("no routing for kubernetes").isEqualTo(TrafficSplit.ALL_PRIMARY);
        assertThat(r.status().iterations()).isEqualTo(11);
        r.tick();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.PROMOTING);
        r.tick();
        assertThat(r.status().phase()).as("kubernetes goes straight to Finalising").isEqualTo(CanaryPhase.FINALISING);
        assertThat(r.last.effects(Effect.SetRoutes.class)).isEmpty();
        r.tick();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.SUCCEEDED);
    }

    @Test
    void effectsOfAnInitTickComeInFlaggersOrder() {
        Rollout r = new Rollout(Fixtures.deployment());
        r.tick();
        List<Class<?>> kinds = r.last.effects().stream().<Class<?>>map(Object::getClass)
                .filter(c -> c != Effect.EmitEvent.class && c != Effect.Alert.class).toList();
        assertThat(kinds).containsExactly(Effect.SaveStatus.class, Effect.EnsureServices.class,
                Effect.CheckMetricProviders.class, Effect.EnsurePrimary.class, Effect.EnsurePrimaryScaler.class,
                Effect.PauseTargetScaler.class, Effect.PointApexToPrimary.class, Effect.ScaleToZero.class,
                Effect.EnsureMeshRoutes.class, Effect.SaveStatus.class, Effect.RequeueAfter.class);
        assertThat(r.last.effects(Effect.SaveStatus.class)).extracting(s -> s.state().phase())
                .containsExactly(CanaryPhase.INITIALIZING, CanaryPhase.INITIALIZED);
        assertThat(r.last.next()).isEqualTo(r.last.effects(Effect.SaveStatus.class).get(1).state());
    }

    @Test
    void aProblemObservingTheTargetIsReported() {
        Rollout r = new Rollout(Fixtures.deployment()).initialized();
        Step s = CanaryStateMachine.next(r.status(), r.plan,
                r.world.observe().withProblem("selector label not found in podinfo.default; expected one of app, "
                        + "name, app.kubernetes.io/name"), r.clock.instant());
        assertThat(s.events()).containsExactly("selector label not found in podinfo.default; expected one of app, "
                + "name, app.kubernetes.io/name");
        assertThat(s.effects(Effect.EnsureServices.class)).isEmpty();
    }

    @Test
    void unreadableRoutesStopTheTick() {
        Rollout r = new Rollout(Fixtures.deployment()).progressing();
        Step s = CanaryStateMachine.next(r.status(), r.plan,
                r.world.observe().withRoutesError("HTTPRoute podinfo.default not accepted by gateway"), r.clock.instant());
        assertThat(s.events()).containsExactly("HTTPRoute podinfo.default not accepted by gateway");
        assertThat(s.effects(Effect.SetRoutes.class)).isEmpty();
    }

    @Test
    void aSuspendedStepAwaitsOneProbeWithoutEffects() {
        Rollout r = new Rollout(GatesTest.canary("""
                - name: load
                  url: http://loadtester/
                """)).progressing();
        r.tick();
        Step s = CanaryStateMachine.next(r.status(), r.plan, r.world.observe(), r.clock.instant());
        assertThat(s.isSuspended()).isTrue();
        assertThat(s.effects()).isEmpty();
        assertThat(s.next()).isEqualTo(r.status());
        assertThat(s.awaiting()).get().isInstanceOfSatisfying(Probe.Hook.class,
                h -> assertThat(h.hook().name()).isEqualTo("load"));
    }
}
