/**
 * The network's elements as the agent sees them: an identifier, a kind, a role, a region and a
 * site. Values only; the topology lives in the simulators and in real inventories.
 */
@NullMarked
package dev.autonoc.core.network;

import org.jspecify.annotations.NullMarked;
