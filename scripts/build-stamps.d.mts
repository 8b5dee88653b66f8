export interface BuildPart {
  inputs: string[];
  output: string;
}
export function newestMtime(path: string): number;
export function staleReason(root: string, part: BuildPart, stampPath: string): string | null;
