// jstat ships no types; this declares only the Student-t functions @cxr/stats uses.
declare module 'jstat' {
  interface StudentT {
    cdf(x: number, dof: number): number;
    pdf(x: number, dof: number): number;
    inv(p: number, dof: number): number;
  }
  const jStat: { studentt: StudentT };
  export default jStat;
}
