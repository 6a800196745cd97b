/// One file per week: how that week's case inputs are generated and what the reference
/// answer is. Knows the physics; knows nothing of grading.
public enum Exercises {}
