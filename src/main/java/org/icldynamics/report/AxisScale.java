package org.icldynamics.report;

/** Scale of a figure axis. */
public enum AxisScale { LINEAR, LOG }
