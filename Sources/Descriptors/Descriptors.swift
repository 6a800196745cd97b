/// Structure and composition descriptors: crystal graphs (week 6), and later Magpie, SOAP,
/// Voronoi. Depends on Crystal only.
public enum Descriptors {}
