// The ModelInfer request as @grpc/proto-loader hands it over (keepCase, defaults, oneofs, longs
// as numbers): the fields inference.proto declares that the server reads.
export interface InferParameter {
  readonly parameter_choice?:
    'bool_param' | 'int64_param' | 'string_param' | 'double_param' | 'uint64_param';
  readonly bool_param?: boolean;
  readonly int64_param?: number;
  readonly string_param?: string;
  readonly double_param?: number;
  readonly uint64_param?: number;
}

export interface ModelInferRequest {
  readonly model_name: string;
  readonly model_version: string;
  readonly id: string;
  readonly parameters: Record<string, InferParameter>;
  readonly inputs: {
    readonly name: string;
    readonly datatype: string;
    readonly shape: number[];
    readonly contents?: { readonly bytes_contents: Buffer[] } | null;
  }[];
  readonly outputs: { readonly name: string }[];
  readonly raw_input_contents: Buffer[];
}
