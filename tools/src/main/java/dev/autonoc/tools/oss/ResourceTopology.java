package dev.autonoc.tools.oss;

import java.util.List;

/** Every element of the network and the links between routers. */
public record ResourceTopology(List<Resource> resources, List<ResourceLink> links) {

    public ResourceTopology {
        resources = List.copyOf(resources);
        links = List.copyOf(links);
    }
}
