/// Rubrics, comparators, the case runner and ingest. Sees inputs, outputs and a rubric; never
/// a week's physics.
public enum Grading {}
