package dev.uniworld.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/**
 * Base of every UniWorld block: parameters get their full shape at construction, so a block initializes without sample
 * inputs and a checkpoint can be checked against it before any forward pass. Arrays are fetched through the
 * {@link ParameterStore} so that DJL's training API sees (and differentiates) the same arrays.
 */
public abstract class ModelBlock extends AbstractBlock {

    /** A matrix or embedding table; initialized normal(0, 1/sqrt(last dim)) by {@link SeededInitializer}. */
    protected final Parameter weight(String name, long... shape) {
        return addParameter(Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(shape)).build());
    }

    /** An additive vector; initialized to zeros. */
    protected final Parameter bias(String name, long size) {
        return addParameter(Parameter.builder().setName(name).setType(Parameter.Type.BIAS)
                .optShape(new Shape(size)).build());
    }

    /** A multiplicative norm scale; initialized to ones. */
    protected final Parameter gain(String name, long size) {
        return addParameter(Parameter.builder().setName(name).setType(Parameter.Type.GAMMA)
                .optShape(new Shape(size)).build());
    }

    /** The parameter's array on the device of {@code like}, as the store (inference or trainer) provides it. */
    protected static NDArray value(ParameterStore store, Parameter parameter, NDArray like, boolean training) {
        return store.getValue(parameter, like.getDevice(), training);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // every child knows its parameter shapes already, so none needs the parent's input shapes
        for (Block child : children.values()) {
            child.initialize(manager, dataType);
        }
    }
}
