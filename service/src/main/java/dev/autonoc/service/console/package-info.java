/**
 * The NOC console: one page for a signed-in user (simulated time, elements at risk, open cases, and
 * the approvals waiting for a person, with Approve and Reject), and its sign-in page. The page is
 * served by Thymeleaf and kept current by a small script calling the JSON API; it loads nothing
 * from outside the service.
 */
package dev.autonoc.service.console;
