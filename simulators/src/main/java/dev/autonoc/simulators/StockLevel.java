package dev.autonoc.simulators;

import dev.autonoc.core.prediction.Part;

/** Starting stock of one part in one warehouse ({@code central}, or a region's name). */
public record StockLevel(String warehouse, Part part, int quantity) {}
