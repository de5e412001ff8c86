/**
 * The operator's digital twin: a discrete-event simulation of the network, its customers, stock and
 * field workforce on a simulated clock, deterministic from a {@link
 * dev.autonoc.simulators.TwinSpec}. {@link dev.autonoc.simulators.OperatorTwin} is the entry point;
 * everything else in the package that is not public is its machinery. {@code TwinOssBss} serves the
 * nine TMF clients in process, one adapter per TMF interface over {@code TwinEdge}; the package
 * {@code dev.autonoc.simulators.http} serves the same over HTTP.
 *
 * <p>Modelling choices worth knowing when reading a run:
 *
 * <ul>
 *   <li>Routing: every aggregation router sends its cells' traffic over both uplinks (active-active
 *       dual homing) to the internet, reached through two gateway core routers ({@code core-rtr-01}
 *       and the one opposite it on the ring); the core forwards over shortest paths with equal-cost
 *       splitting. Link capacities are planned N-1: at most 60 % at the daily peak normally, at
 *       most 80 % with any one core router or link out.
 *   <li>A reroute preview's {@code maxUtilizationAfter} is at the day's peak with what is out now
 *       (the worst the day will bring); an activation's {@code maxUtilization} is now. Sites
 *       isolated count radio sites that would lose service.
 *   <li>An element that is down, restarting or under work sends no telemetry (its management plane
 *       is unreachable); its noise stream advances all the same.
 *   <li>Customer impact is integrated exactly between events and ticks: an unplanned failure loses
 *       the traffic through it for one tick (routing convergence), planned work and restarts lose
 *       the traffic not drained first for their whole duration, traffic with no path is out until
 *       the element is back, and traffic over a full link is degraded in proportion.
 *   <li>ENGINEER_SICK is refused at booking; an element takes one job at a time; a job with the
 *       right part on site mends the fault at its end, and a failure due during the job does not
 *       happen (the element is already powered down for the swap).
 *   <li>SUPPLIER_DELAY slows every delivery of the part, warehouses' included (they restock through
 *       the same supplier).
 *   <li>Enterprise slices' SLAs are accounted per billing month (UTC calendar month) by {@code
 *       SlaLedger}: a slice is unavailable while a site of it is cut off or loses traffic, late
 *       while a site is congested or its path is over the latency budget; more than 0.05 % of the
 *       month in either state is a breach, and earns one credit of 5 % of the monthly fee ({@link
 *       dev.autonoc.simulators.SlaStatement}).
 * </ul>
 */
package dev.autonoc.simulators;
