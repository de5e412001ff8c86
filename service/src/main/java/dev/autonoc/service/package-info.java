/**
 * The autonoc service: a Spring Boot application that wires the adapters around the remediation
 * loop, drives it on the operator's digital twin ({@code simulation}), and serves NOC staff and
 * auditors through a JSON API ({@code api}), a console page ({@code console}) and the security that
 * decides who may see and answer what ({@code security}).
 */
package dev.autonoc.service;
