package dev.countersign.core.internal.intoto;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.intoto.ResourceDescriptor;
import java.time.Instant;
import java.util.List;

/**
 * What {@link ProvenanceReader} extracts from a SLSA provenance predicate of any version. Strings are null when
 * the predicate does not carry them.
 */
public record ProvenanceFields(String builderId, String buildType, JsonNode externalParameters,
    JsonNode internalParameters, List<ResourceDescriptor> dependencies, String sourceUri, String sourceRepository,
    String sourceRef, String sourceCommit, String entryPoint, String invocationId, Instant startedOn,
    Instant finishedOn) {}
