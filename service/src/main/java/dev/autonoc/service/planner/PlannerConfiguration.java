package dev.autonoc.service.planner;

import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.plan.Planner;
import dev.autonoc.core.planner.HybridPlanner;
import dev.autonoc.core.planner.PlaybookPlanner;
import dev.autonoc.core.planner.llm.LlmPlanner;
import dev.autonoc.core.planner.llm.LlmSettings;
import dev.autonoc.core.planner.llm.ModelChannel;
import dev.autonoc.core.tool.Tool;
import dev.autonoc.core.tool.ToolCatalogue;
import dev.autonoc.core.tool.ToolDescriptor;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The loop's planner, as {@code autonoc.planner} names it: {@code playbook} (the default), {@code
 * hybrid} (the playbook, and the model where the playbook is out of its depth; the sensible way to
 * run a model) or {@code llm} (the model alone, its plans checked against the world before the gate
 * as the hybrid's are). Every consultation is written to the ledger.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LlmProperties.class)
class PlannerConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(PlannerConfiguration.class);

    @Bean
    Planner planner(
            @Value("${autonoc.planner:playbook}") String name,
            LlmProperties llm,
            AuditLog audit,
            ToolCatalogue tools) {
        String kind = name.trim().toLowerCase(Locale.ROOT);
        if (kind.equals(PlaybookPlanner.NAME)) {
            return new PlaybookPlanner();
        }
        if (!kind.equals(HybridPlanner.NAME) && !kind.equals(LlmPlanner.NAME)) {
            throw new IllegalArgumentException(
                    "autonoc.planner is '" + name + "'; accepted: playbook, hybrid, llm");
        }
        LlmSettings settings = llm.settings();
        ModelChannel channel = settings.channel(System::getenv, System::nanoTime);
        LlmSettings.probe(channel, settings.baseUrl()); // a model that does not answer stops here
        LOG.info(
                "planner {} with the model {} at {}, {}",
                kind,
                settings.model(),
                settings.baseUrl(),
                settings.price());
        List<ToolDescriptor> descriptors = tools.tools().stream().map(Tool::descriptor).toList();
        LlmPlanner model =
                new LlmPlanner(
                        channel,
                        descriptors,
                        settings.maxTurns(),
                        audit::append,
                        LlmPlanner.Checks.WORLD,
                        settings.price());
        return kind.equals(LlmPlanner.NAME)
                ? model
                : new HybridPlanner(new PlaybookPlanner(), model, audit::append);
    }
}
