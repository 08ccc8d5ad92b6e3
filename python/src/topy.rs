//! Any `Serialize` value straight into Python objects, shaped exactly as
//! `json.loads` would shape its JSON from `serde_json`: structs and maps are
//! dicts, sequences and tuples are lists, enums' unit variants their names,
//! `None`/unit `None`, non-finite floats `None`.
//!
//! It replaces "serialize to JSON, then `json.loads`" for `format="dict"`:
//! no JSON text is written or scanned, and struct field names become Python
//! strings once per document (cached by address: serde hands them out as
//! `&'static str`) instead of once per occurrence.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyList, PyString};
use pyo3::BoundObject;
use serde::ser::{self, Serialize};
use std::fmt;

/// Converts `value` to Python objects (the GIL is held: `py`).
pub fn to_py<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let mut keys = Keys::default();
    value
        .serialize(ToPy {
            py,
            keys: &mut keys,
        })
        .map_err(|e| e.0)
}

/// A failure while building objects: a Python error (memory) or a value
/// `Serialize` itself rejected.
#[derive(Debug)]
pub struct Error(PyErr);

impl From<PyErr> for Error {
    fn from(e: PyErr) -> Self {
        Error(e)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(PyValueError::new_err(msg.to_string()))
    }
}

/// Python strings for the `&'static str` names serde passes (struct fields,
/// variant names), keyed by address and length. A document has a few dozen
/// distinct names, so a linear scan over pointers is cheaper than hashing.
#[derive(Default)]
struct Keys<'py> {
    seen: Vec<(usize, usize, Bound<'py, PyString>)>,
}

impl<'py> Keys<'py> {
    fn get(&mut self, py: Python<'py>, name: &'static str) -> Bound<'py, PyString> {
        let (ptr, len) = (name.as_ptr() as usize, name.len());
        if let Some((_, _, s)) = self.seen.iter().find(|(p, l, _)| *p == ptr && *l == len) {
            return s.clone();
        }
        let s = PyString::new(py, name);
        self.seen.push((ptr, len, s.clone()));
        s
    }
}

struct ToPy<'a, 'py> {
    py: Python<'py>,
    keys: &'a mut Keys<'py>,
}

type Out<'py> = Result<Bound<'py, PyAny>, Error>;

impl<'a, 'py> ToPy<'a, 'py> {
    fn int<I>(self, v: I) -> Out<'py>
    where
        I: IntoPyObject<'py>,
        PyErr: From<I::Error>,
    {
        Ok(v.into_pyobject(self.py)
            .map_err(PyErr::from)?
            .into_any()
            .into_bound())
    }

    fn none(self) -> Out<'py> {
        Ok(self.py.None().into_bound(self.py))
    }

    /// `{variant: value}`, serde_json's shape for non-unit enum variants.
    fn tagged(self, variant: &'static str, value: Bound<'py, PyAny>) -> Out<'py> {
        let dict = PyDict::new(self.py);
        dict.set_item(self.keys.get(self.py, variant), value)?;
        Ok(dict.into_any())
    }
}

impl<'a, 'py> ser::Serializer for ToPy<'a, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    type SerializeSeq = Seq<'a, 'py>;
    type SerializeTuple = Seq<'a, 'py>;
    type SerializeTupleStruct = Seq<'a, 'py>;
    type SerializeTupleVariant = Seq<'a, 'py>;
    type SerializeMap = Map<'a, 'py>;
    type SerializeStruct = Map<'a, 'py>;
    type SerializeStructVariant = Map<'a, 'py>;

    fn serialize_bool(self, v: bool) -> Out<'py> {
        Ok(PyBool::new(self.py, v).to_owned().into_any())
    }
    fn serialize_i8(self, v: i8) -> Out<'py> {
        self.int(v)
    }
    fn serialize_i16(self, v: i16) -> Out<'py> {
        self.int(v)
    }
    fn serialize_i32(self, v: i32) -> Out<'py> {
        self.int(v)
    }
    fn serialize_i64(self, v: i64) -> Out<'py> {
        self.int(v)
    }
    fn serialize_i128(self, v: i128) -> Out<'py> {
        self.int(v)
    }
    fn serialize_u8(self, v: u8) -> Out<'py> {
        self.int(v)
    }
    fn serialize_u16(self, v: u16) -> Out<'py> {
        self.int(v)
    }
    fn serialize_u32(self, v: u32) -> Out<'py> {
        self.int(v)
    }
    fn serialize_u64(self, v: u64) -> Out<'py> {
        self.int(v)
    }
    fn serialize_u128(self, v: u128) -> Out<'py> {
        self.int(v)
    }
    fn serialize_f32(self, v: f32) -> Out<'py> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Out<'py> {
        // serde_json writes non-finite floats as null.
        if v.is_finite() {
            Ok(PyFloat::new(self.py, v).into_any())
        } else {
            self.none()
        }
    }
    fn serialize_char(self, v: char) -> Out<'py> {
        let mut buf = [0u8; 4];
        Ok(PyString::new(self.py, v.encode_utf8(&mut buf)).into_any())
    }
    fn serialize_str(self, v: &str) -> Out<'py> {
        Ok(PyString::new(self.py, v).into_any())
    }
    fn serialize_bytes(self, v: &[u8]) -> Out<'py> {
        Ok(PyBytes::new(self.py, v).into_any())
    }
    fn serialize_none(self) -> Out<'py> {
        self.none()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Out<'py> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Out<'py> {
        self.none()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Out<'py> {
        self.none()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Out<'py> {
        Ok(self.keys.get(self.py, variant).into_any())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Out<'py> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Out<'py> {
        let inner = value.serialize(ToPy {
            py: self.py,
            keys: &mut *self.keys,
        })?;
        self.tagged(variant, inner)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Seq<'a, 'py>, Error> {
        Ok(Seq {
            list: PyList::empty(self.py),
            variant: None,
            to: self,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq<'a, 'py>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Seq<'a, 'py>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Seq<'a, 'py>, Error> {
        Ok(Seq {
            list: PyList::empty(self.py),
            variant: Some(variant),
            to: self,
        })
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Map<'a, 'py>, Error> {
        Ok(Map {
            dict: PyDict::new(self.py),
            key: None,
            variant: None,
            to: self,
        })
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Map<'a, 'py>, Error> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Map<'a, 'py>, Error> {
        Ok(Map {
            dict: PyDict::new(self.py),
            key: None,
            variant: Some(variant),
            to: self,
        })
    }
}

/// A list being filled (sequences, tuples; `variant` wraps it as `{variant: [...]}`).
pub struct Seq<'a, 'py> {
    list: Bound<'py, PyList>,
    variant: Option<&'static str>,
    to: ToPy<'a, 'py>,
}

impl<'py> Seq<'_, 'py> {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let item = value.serialize(ToPy {
            py: self.to.py,
            keys: &mut *self.to.keys,
        })?;
        Ok(self.list.append(item)?)
    }

    fn done(self) -> Out<'py> {
        match self.variant {
            Some(v) => self.to.tagged(v, self.list.into_any()),
            None => Ok(self.list.into_any()),
        }
    }
}

/// The serde traits for sequences, all filled the same way.
macro_rules! seq_impl {
    ($($trait:ident::$method:ident),*) => {$(
        impl<'py> ser::$trait for Seq<'_, 'py> {
            type Ok = Bound<'py, PyAny>;
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.push(value)
            }
            fn end(self) -> Out<'py> {
                self.done()
            }
        }
    )*};
}

seq_impl!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// A dict being filled (maps, structs; `variant` wraps it as `{variant: {...}}`).
pub struct Map<'a, 'py> {
    dict: Bound<'py, PyDict>,
    /// A map key waiting for its value (`serialize_key` then `serialize_value`).
    key: Option<Bound<'py, PyAny>>,
    variant: Option<&'static str>,
    to: ToPy<'a, 'py>,
}

impl<'py> Map<'_, 'py> {
    fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> Out<'py> {
        value.serialize(ToPy {
            py: self.to.py,
            keys: &mut *self.to.keys,
        })
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        let value = self.value(value)?;
        let key = self.to.keys.get(self.to.py, key);
        Ok(self.dict.set_item(key, value)?)
    }

    fn done(self) -> Out<'py> {
        match self.variant {
            Some(v) => self.to.tagged(v, self.dict.into_any()),
            None => Ok(self.dict.into_any()),
        }
    }
}

impl<'py> ser::SerializeMap for Map<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        // JSON object keys are strings: serde_json writes numbers and bools
        // as their text, and so does this (json.loads reads them back as str).
        let key = key.serialize(KeyToPy(self.to.py))?;
        self.key = Some(key.into_any());
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = self
            .key
            .take()
            .ok_or_else(|| <Error as ser::Error>::custom("map value without a key"))?;
        let value = self.value(value)?;
        Ok(self.dict.set_item(key, value)?)
    }
    fn end(self) -> Out<'py> {
        self.done()
    }
}

/// The serde traits for structs, all filled the same way.
macro_rules! struct_impl {
    ($($trait:ident),*) => {$(
        impl<'py> ser::$trait for Map<'_, 'py> {
            type Ok = Bound<'py, PyAny>;
            type Error = Error;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                self.field(key, value)
            }
            fn end(self) -> Out<'py> {
                self.done()
            }
        }
    )*};
}

struct_impl!(SerializeStruct, SerializeStructVariant);

/// Map keys: strings as they are, numbers, bools and chars as their text
/// (what serde_json writes); anything else is an error, as in serde_json.
struct KeyToPy<'py>(Python<'py>);

impl<'py> KeyToPy<'py> {
    fn text(self, s: &str) -> Result<Bound<'py, PyString>, Error> {
        Ok(PyString::new(self.0, s))
    }
}

fn key_must_be_a_string() -> Error {
    <Error as ser::Error>::custom("key must be a string")
}

impl<'py> ser::Serializer for KeyToPy<'py> {
    type Ok = Bound<'py, PyString>;
    type Error = Error;
    type SerializeSeq = ser::Impossible<Self::Ok, Error>;
    type SerializeTuple = ser::Impossible<Self::Ok, Error>;
    type SerializeTupleStruct = ser::Impossible<Self::Ok, Error>;
    type SerializeTupleVariant = ser::Impossible<Self::Ok, Error>;
    type SerializeMap = ser::Impossible<Self::Ok, Error>;
    type SerializeStruct = ser::Impossible<Self::Ok, Error>;
    type SerializeStructVariant = ser::Impossible<Self::Ok, Error>;

    fn serialize_bool(self, v: bool) -> Result<Self::Ok, Error> {
        self.text(if v { "true" } else { "false" })
    }
    fn serialize_i8(self, v: i8) -> Result<Self::Ok, Error> {
        self.text(&v.to_string())
    }
    fn serialize_i16(self, v: i16) -> Result<Self::Ok, Error> {
        self.text(&v.to_string())
    }
    fn serialize_i32(self, v: i32) -> Result<Self::Ok, Error> {
        self.text(&v.to_string())
    }
    fn serialize_i64(self, v: i64) -> Result<Self::Ok, Error> {
        self.text(&v.to_string())
    }
    fn serialize_i128(self, v: i128) -> Result<Self::Ok, Error> {
        self.text(&v.to_string())
    }
    fn serialize_u8(self, v: u8) -> Result<Self::Ok, Error> {
        self.text(&v.to_string())
    }
    fn serialize_u16(self, v: u16) -> Result<Self::Ok, Error> {
        self.text(&v.to_string())
    }
    fn serialize_u32(self, v: u32) -> Result<Self::Ok, Error> {
        self.text(&v.to_string())
    }
    fn serialize_u64(self, v: u64) -> Result<Self::Ok, Error> {
        self.text(&v.to_string())
    }
    fn serialize_u128(self, v: u128) -> Result<Self::Ok, Error> {
        self.text(&v.to_string())
    }
    fn serialize_f32(self, _v: f32) -> Result<Self::Ok, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_f64(self, _v: f64) -> Result<Self::Ok, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_char(self, v: char) -> Result<Self::Ok, Error> {
        let mut buf = [0u8; 4];
        self.text(v.encode_utf8(&mut buf))
    }
    fn serialize_str(self, v: &str) -> Result<Self::Ok, Error> {
        self.text(v)
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<Self::Ok, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_none(self) -> Result<Self::Ok, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<Self::Ok, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_unit(self) -> Result<Self::Ok, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<Self::Ok, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Self::Ok, Error> {
        self.text(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<Self::Ok, Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<Self::Ok, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(key_must_be_a_string())
    }
}
