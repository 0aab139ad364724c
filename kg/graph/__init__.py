"""RDF side of kg: vocabulary, IRIs, the graph builder and the stores."""
